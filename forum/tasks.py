"""Background work: notification fan-out, emails, daily digests, re-indexing.

Every task loads fresh objects and asks partners.access again: what was allowed when the task
was queued may no longer be allowed when it runs.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django_tasks import task

from home import mail
from home.sanitize import plain_text
from partners import access, notifications

from . import search_index
from .models import Bookmark, NotificationPreference, Post, Subscription, Topic

logger = logging.getLogger(__name__)
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


KINDS = ("mention", "quote", "reply", "new_post", "new_topic")
_QUOTE_RE = re.compile(r"^ {0,3}>", re.MULTILINE)


def _answer_kind(post: Post) -> str:
    """What the author of the post answered is told: "quote" when the reply quotes it (and
    they kept quote notifications on), otherwise "reply"."""
    if _QUOTE_RE.search(post.markdown):
        preference = NotificationPreference.objects.filter(user_id=post.reply_to.author_id).first()
        if preference is None or preference.notify_quotes:
            return "quote"
    return "reply"


@task()
def notify_about_post(post_id: int, mentioned_ids: list[int], only_mentions: bool = False):
    """Create the notifications a new post causes, at most one per member (the site's
    notifications mail the immediate ones). Run twice, nobody is notified twice: a member
    who already has this kind of notification about this post is left out."""
    post = Post.objects.select_related("topic__category", "reply_to").filter(pk=post_id).first()
    if post is None or not (access.is_shown(post) and access.is_shown(post.topic)):
        return 0
    levels = _levels(post)
    wanted: dict[int, str] = {}
    if not only_mentions:
        for user_id, level in levels.items():
            if level == Level.WATCH:
                wanted[user_id] = "new_topic" if post.is_first else "new_post"
        if post.reply_to is not None and post.reply_to.author_id:
            wanted[post.reply_to.author_id] = _answer_kind(post)
    for user_id in mentioned_ids:
        wanted[user_id] = "mention"
    wanted.pop(post.author_id, None)
    for user_id, level in levels.items():
        if level == Level.MUTE:
            wanted.pop(user_id, None)

    from partners.models import Notification

    already = set(
        Notification.objects.filter(
            target_type=ContentType.objects.get_for_model(Post),
            target_id=post.pk,
            kind__in=[f"forum.{kind}" for kind in KINDS],
        ).values_list("recipient_id", "kind")
    )
    created = 0
    User = get_user_model()
    for user in User.objects.filter(pk__in=wanted, is_active=True).select_related("profile"):
        kind = f"forum.{wanted[user.pk]}"
        if (user.pk, kind) in already:
            continue
        if notifications.notify(user, kind=kind, target=post):
            created += 1
    return created


@task()
def notify_about_reaction(post_id: int) -> int:
    """Tell a post's author that someone reacted to it: once per post (reacting again, or
    a second person reacting, adds nothing while that notification is there), never to an
    author who switched reaction notifications off or muted the topic."""
    from partners.models import Notification

    post = Post.objects.select_related("topic__category", "author").filter(pk=post_id).first()
    if post is None or post.author is None or not post.author.is_active:
        return 0
    if not (access.is_shown(post) and access.is_shown(post.topic)):
        return 0
    preference = NotificationPreference.objects.filter(user_id=post.author_id).first()
    if preference is not None and not preference.notify_reactions:
        return 0
    if _levels(post).get(post.author_id) == Level.MUTE:
        return 0
    already = Notification.objects.filter(
        recipient_id=post.author_id,
        kind="forum.reaction",
        target_type=ContentType.objects.get_for_model(Post),
        target_id=post.pk,
    )
    if already.exists():
        return 0
    return int(notifications.notify(post.author, kind="forum.reaction", target=post) is not None)


@task()
def send_bookmark_reminders() -> int:
    """Send each due bookmark reminder once, as a notification (and mail, in the member's
    language). Access is asked now: a post the member may no longer read sends nothing.
    Each bookmark is claimed by an UPDATE before anything is sent, so two workers (or a job
    delivered twice) never send the same reminder twice."""
    now = timezone.now()
    due = Bookmark.objects.filter(remind_at__lte=now, reminded_at__isnull=True).select_related(
        "user__profile", "post__topic__category"
    )
    sent = 0
    for bookmark in due:
        claimed = Bookmark.objects.filter(pk=bookmark.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if not claimed or not bookmark.user.is_active:
            continue
        if notifications.notify(
            bookmark.user, kind="forum.bookmark_reminder", target=bookmark.post
        ):
            sent += 1
    return sent


@task()
def delete_old_drafts() -> int:
    """Unposted replies are not kept longer than ``DRAFT_DAYS`` days."""
    from . import services

    return services.delete_old_drafts()


def byline(post: Post) -> str:
    if post.is_pseudonymous:
        return translation.gettext("a partner from %(region)s") % {
            "region": post.get_pseudonym_region_display()
        }
    if post.author_id is None:
        return translation.gettext("a former member")
    return post.author.profile.display_name


def excerpt(post: Post) -> str:
    return Truncator(plain_text(post.html)).chars(400)


def email_choice(user) -> str:
    """Forum notifications are mailed as the member chose on the forum's preferences page."""
    return NotificationPreference.for_user(user).email


def reminder_email_choice(user) -> str:
    """A reminder the member asked for is mailed at once, unless they want no forum mail."""
    if email_choice(user) == NotificationPreference.Email.NEVER:
        return notifications.NEVER
    return notifications.IMMEDIATE


def is_muted(message) -> bool:
    """A member who muted a topic after a notification was queued gets no mail about it."""
    from partners.models import Notification

    notification = message.about
    if not isinstance(notification, Notification) or not notification.kind.startswith("forum."):
        return False
    post = notification.target
    return post is not None and _levels(post).get(notification.recipient_id) == Level.MUTE


@task()
def send_digest(user_id: int) -> int:
    """One email with the member's unread, not yet emailed forum notifications from the last
    days, in their language. What mail may not name (sensitive spaces) is left out."""
    from partners.models import Notification

    User = get_user_model()
    user = User.objects.filter(pk=user_id, is_active=True).select_related("profile").first()
    if user is None or not user.email:
        return 0
    preference = NotificationPreference.for_user(user)
    if preference.email != NotificationPreference.Email.DIGEST:
        return 0
    pending = (
        Notification.objects.filter(kind__startswith="forum.")
        .unread()
        .filter(emailed_at__isnull=True, created_at__gte=timezone.now() - timedelta(days=7))
        .select_related("recipient__profile")
        .order_by("created_at", "pk")
    )
    due = notifications.with_targets(list(access.visible(pending, user, purpose=access.EMAIL)))
    preference.last_digest_at = timezone.now()
    preference.save(update_fields=["last_digest_at"])
    if not due:
        return 0
    mail.send_mail(
        to=user,
        template="forum/emails/digest",
        context=lambda: {
            "items": [notifications.email_item(n) for n in due],
            "settings_link": mail.absolute_url(reverse("forum:preferences")),
        },
    )
    Notification.objects.filter(pk__in=[n.pk for n in due]).update(emailed_at=timezone.now())
    return len(due)


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
