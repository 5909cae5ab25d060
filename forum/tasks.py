"""Background work: notification fan-out, emails, daily digests, re-indexing.

Every task loads fresh objects and asks partners.access again: what was allowed when the task
was queued may no longer be allowed when it runs.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django_tasks import task

from home.sanitize import plain_text
from partners import access

from . import search_index
from .conf import base_url
from .models import Notification, NotificationPreference, Post, Subscription, Topic

logger = logging.getLogger(__name__)
Kind = Notification.Kind
Level = Subscription.Level


def _levels(post: Post) -> dict[int, str]:
    """Each subscriber's level for this post's topic; the topic's setting wins over the
    category's."""
    subscriptions = Subscription.objects.filter(
        Q(topic_id=post.topic_id) | Q(category_id=post.topic.category_id)
    )
    by_category = {s.user_id: s.level for s in subscriptions if s.category_id}
    by_topic = {s.user_id: s.level for s in subscriptions if s.topic_id}
    return {**by_category, **by_topic}


@task()
def notify_about_post(post_id: int, mentioned_ids: list[int], only_mentions: bool = False):
    """Create the notifications a new post causes, at most one per member, and send the
    immediate emails."""
    post = Post.objects.select_related("topic__category", "reply_to").filter(pk=post_id).first()
    if post is None or not (access.is_shown(post) and access.is_shown(post.topic)):
        return 0
    levels = _levels(post)
    wanted: dict[int, str] = {}
    if not only_mentions:
        for user_id, level in levels.items():
            if level == Level.WATCH:
                wanted[user_id] = Kind.NEW_TOPIC if post.is_first else Kind.NEW_POST
        if post.reply_to is not None and post.reply_to.author_id:
            wanted[post.reply_to.author_id] = Kind.REPLY
    for user_id in mentioned_ids:
        wanted[user_id] = Kind.MENTION
    wanted.pop(post.author_id, None)
    for user_id, level in levels.items():
        if level == Level.MUTE:
            wanted.pop(user_id, None)

    created = 0
    User = get_user_model()
    for user in User.objects.filter(pk__in=wanted, is_active=True):
        if not access.can_view(user, post, purpose=access.READ):
            continue
        notification = Notification.objects.create(
            recipient=user, kind=wanted[user.pk], topic=post.topic, post=post
        )
        created += 1
        if NotificationPreference.for_user(user).email == NotificationPreference.Email.IMMEDIATE:
            send_notification_email.enqueue(notification.pk)
    return created


def _link(path: str) -> str:
    """An absolute link without the language prefix: the site sends each reader on to their
    own language."""
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            path = path[len(code) + 1 :]
            break
    return f"{base_url()}{path}"


def _byline(post: Post) -> str:
    if post.is_pseudonymous:
        return translation.gettext("a partner from %(region)s") % {
            "region": post.get_pseudonym_region_display()
        }
    if post.author_id is None:
        return translation.gettext("a former member")
    return post.author.profile.display_name


def email_item(notification: Notification) -> dict:
    """What an email may say about one notification.

    Public topics: title, who wrote, a short excerpt and a link. Other topics: only the title
    and a link. Sensitive categories: no title at all, a link to the notification list.
    """
    topic = notification.topic
    if not access.can_view(notification.recipient, notification, purpose=access.EMAIL):
        return {"sensitive": True, "link": _link(reverse("forum:notifications"))}
    item = {
        "sensitive": False,
        "kind": notification.kind,
        "title": topic.title,
        "link": _link(
            notification.post.get_absolute_url() if notification.post else topic.get_absolute_url()
        ),
        "public": access.can_view(AnonymousUser(), topic, purpose=access.EMAIL),
    }
    if item["public"] and notification.post is not None:
        item["byline"] = _byline(notification.post)
        item["excerpt"] = Truncator(plain_text(notification.post.html)).chars(400)
    return item


def _still_allowed(notification: Notification) -> bool:
    user = notification.recipient
    if not user.is_active or not user.email:
        return False
    if not access.can_view(user, notification, purpose=access.READ):
        return False
    levels = _levels(notification.post) if notification.post else {}
    return levels.get(user.pk) != Level.MUTE


def _load(notification_id: int) -> Notification | None:
    return (
        Notification.objects.select_related(
            "recipient", "topic__category", "post__author__profile", "post__topic__category"
        )
        .filter(pk=notification_id)
        .first()
    )


@task()
def send_notification_email(notification_id: int) -> bool:
    notification = _load(notification_id)
    if notification is None or notification.read_at or notification.emailed_at:
        return False
    preference = NotificationPreference.for_user(notification.recipient)
    if preference.email != NotificationPreference.Email.IMMEDIATE:
        return False
    if not _still_allowed(notification):
        return False
    with translation.override(settings.LANGUAGE_CODE):
        item = email_item(notification)
        context = {"item": item, "settings_link": _link(reverse("forum:preferences"))}
        subject = render_to_string("forum/emails/notification_subject.txt", context).strip()
        body = render_to_string("forum/emails/notification.txt", context)
    send_mail(subject, body, None, [notification.recipient.email])
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


@task()
def send_digest(user_id: int) -> int:
    """One email with the member's unread, not yet emailed notifications from the last
    days. Sensitive categories are left out."""
    User = get_user_model()
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return 0
    preference = NotificationPreference.for_user(user)
    if preference.email != NotificationPreference.Email.DIGEST:
        return 0
    notifications = list(
        access.visible(Notification.objects.unread(), user, purpose=access.EMAIL)
        .filter(emailed_at__isnull=True, created_at__gte=timezone.now() - timedelta(days=7))
        .select_related("topic__category", "post__author__profile", "post__topic__category")
        .order_by("created_at", "pk")
    )
    notifications = [n for n in notifications if _still_allowed(n)]
    preference.last_digest_at = timezone.now()
    preference.save(update_fields=["last_digest_at"])
    if not notifications:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "items": [email_item(n) for n in notifications],
            "settings_link": _link(reverse("forum:preferences")),
        }
        subject = render_to_string("forum/emails/digest_subject.txt", context).strip()
        body = render_to_string("forum/emails/digest.txt", context)
    send_mail(subject, body, None, [user.email])
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        emailed_at=timezone.now()
    )
    return len(notifications)


@task()
def send_daily_digests() -> int:
    """Queue a digest for every member who chose one and had none in the last 20 hours."""
    due = NotificationPreference.objects.filter(email=NotificationPreference.Email.DIGEST).filter(
        Q(last_digest_at__isnull=True) | Q(last_digest_at__lt=timezone.now() - timedelta(hours=20))
    )
    count = 0
    for user_id in due.values_list("user_id", flat=True):
        send_digest.enqueue(user_id)
        count += 1
    return count


@task()
def reindex_topic_posts(topic_id: int) -> None:
    """After a topic's title or category changed: its posts carry both in the index."""
    topic = Topic.objects.filter(pk=topic_id).first()
    if topic is None:
        return
    for post in topic.posts.select_related("topic").iterator():
        search_index.update(post)
