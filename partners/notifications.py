"""Notifications for every app.

An app registers its kinds through the NOTIFICATION_KINDS plug point (``home.hooks``) and calls
``notify(recipient, kind=..., target=obj)``. Who may see a notification is its target's rule in
partners.access: a notification is created only for a recipient who may read the target, and
is listed, counted and mailed only while they still may. Emails go out in the recipient's
language through ``home.mail``, naming the target only where ``purpose=EMAIL`` allows it
(never for sensitive spaces) and quoting it only where it is public.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from home import hooks as home_hooks
from home import mail

from . import access
from .models import Notification

IMMEDIATE, DIGEST, NEVER = "immediate", "digest", "never"


@dataclass(frozen=True)
class NotificationKind:
    name: str  # "<app>.<what>", e.g. "events.waitlist_offer"
    verb: str  # a lazy translation: "offered you a seat"
    target: str  # the target's model label, e.g. "events.Registration"
    title: Callable[[Any], str]
    url: Callable[[Any], str]
    # When to mail it: "immediate", "digest", "never", or a function of the recipient.
    email: str | Callable[[Any], str] = IMMEDIATE
    email_template: str = "partners/email/notification"
    # Only ever shown for targets the public may see (never in restricted mails).
    excerpt: Callable[[Any], str] | None = None
    byline: Callable[[Any], str] | None = None
    # Relations to load with the targets when a list shows them.
    select_related: tuple[str, ...] = ()
    # Where mails send the reader to choose which emails they get.
    settings_view: str = "partners:account"

    def email_choice(self, user) -> str:
        return self.email(user) if callable(self.email) else self.email


def kinds() -> dict[str, NotificationKind]:
    found = {}
    for hook in hooks.get_hooks(home_hooks.NOTIFICATION_KINDS):
        for kind in hook():
            found[kind.name] = kind
    return found


def kind_of(notification: Notification) -> NotificationKind | None:
    return kinds().get(notification.kind)


def target_models() -> list:
    return sorted({apps.get_model(kind.target) for kind in kinds().values()}, key=str)


# --- Writing --------------------------------------------------------------------------------


def notify(recipient, *, kind: str, target, email: bool = True) -> Notification | None:
    """Tell ``recipient`` about ``target``; nothing happens unless they may read it.
    ``email=False`` leaves the mail to the caller (digests)."""
    notification_kind = kinds()[kind]
    if not access.can_view(recipient, target, purpose=access.READ):
        return None
    notification = Notification.objects.create(recipient=recipient, kind=kind, target=target)
    if email and notification_kind.email_choice(recipient) == IMMEDIATE:
        send_email(notification)
    return notification


def mark_read(user, *, pks: Iterable[int] | None = None) -> int:
    notifications = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pks is not None:
        notifications = notifications.filter(pk__in=list(pks))
    return notifications.update(read_at=timezone.now())


def delete_about(model, target_ids) -> int:
    """Notifications about these rows go (a deleted post, an erased account's posts)."""
    content_type = ContentType.objects.get_for_model(model)
    deleted, _ = Notification.objects.filter(
        target_type=content_type, target_id__in=target_ids
    ).delete()
    return deleted


def forget_lost_access(user) -> int:
    """Delete ``user``'s notifications about things they may no longer see. Called when their
    access changes (partners.signals.access_changed), when a target's audience narrows, and
    when the list is shown."""
    access.forget(user)
    kept = visible_to(user).values("pk")
    deleted, _ = Notification.objects.filter(recipient=user).exclude(pk__in=kept).delete()
    # The facts just computed describe this moment only; whoever holds ``user`` asks afresh.
    access.forget(user)
    return deleted


def forget_lost_access_about(model, target_ids) -> None:
    """After the audience of these rows (or of what they hang on) changed."""
    from django.contrib.auth import get_user_model

    content_type = ContentType.objects.get_for_model(model)
    recipients = Notification.objects.filter(
        target_type=content_type, target_id__in=target_ids
    ).values("recipient")
    for user in get_user_model().objects.filter(pk__in=recipients):
        forget_lost_access(user)


# --- Reading --------------------------------------------------------------------------------


def visible_to(user):
    """``user``'s notifications about things they may still see."""
    return access.visible(Notification.objects.all(), user, purpose=access.READ)


def unread_count(user) -> int:
    return visible_to(user).unread().count()


def with_targets(notifications: list[Notification]) -> list[Notification]:
    """Load the targets of a page of notifications: one query per target model."""
    by_type: dict[int, list[Notification]] = defaultdict(list)
    for notification in notifications:
        by_type[notification.target_type_id].append(notification)
    for type_id, group in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        related = {
            name
            for kind in kinds().values()
            if kind.target == model._meta.label
            for name in kind.select_related
        }
        targets = model._default_manager.select_related(*related).in_bulk(
            [n.target_id for n in group]
        )
        for notification in group:
            notification.target = targets.get(notification.target_id)
    return notifications


def describe(notification: Notification, user) -> dict:
    """What the notification list shows: sensitive spaces are named nowhere, not even here."""
    kind = kind_of(notification)
    target = notification.target
    if kind is None or target is None:
        return {"sensitive": True, "verb": "", "title": "", "url": ""}
    if access.is_sensitive(target):
        return {"sensitive": True, "verb": kind.verb, "title": "", "url": ""}
    return {"sensitive": False, "verb": kind.verb, "title": kind.title(target), "url": ""}


# --- Mail -------------------------------------------------------------------------------------


def email_item(notification: Notification) -> dict:
    """What a mail may say about one notification (called in the reader's language).

    Public targets: title, who wrote, a short excerpt and a link. Other targets: the title and
    a link. Targets mail may not name (sensitive spaces): a link to the notification list.
    """
    kind = kind_of(notification)
    target = notification.target
    user = notification.recipient
    if kind is None or not access.can_view(user, target, purpose=access.EMAIL):
        return {"sensitive": True, "link": mail.absolute_url(reverse("partners:notifications"))}
    public = access.can_view(AnonymousUser(), target, purpose=access.EMAIL)
    item = {
        "sensitive": False,
        "kind": kind.name,
        "verb": kind.verb,
        "title": kind.title(target),
        "link": mail.absolute_url(kind.url(target)),
        "public": public,
    }
    if public and kind.excerpt is not None:
        item["excerpt"] = kind.excerpt(target)
        item["byline"] = kind.byline(target) if kind.byline else ""
    return item


def send_email(notification: Notification):
    """Queue the mail for one notification (re-checked by the outbox before it goes)."""
    kind = kind_of(notification)
    message = mail.send_mail(
        to=notification.recipient,
        template=kind.email_template,
        context=lambda: {
            "item": email_item(notification),
            "settings_link": mail.absolute_url(reverse(kind.settings_view)),
        },
        about=notification,
    )
    if message is not None:
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return message


def may_send_mail(message) -> bool:
    """The MAY_SEND_MAIL plug point: a mail about something goes only to someone who may still
    read it (a notification: its target)."""
    if message.about_type_id is None:
        return True
    about = message.about
    if about is None or message.user is None:
        return False
    return access.can_view(message.user, about, purpose=access.READ)


def sensitive_label() -> str:
    return _("New activity in a space you follow")
