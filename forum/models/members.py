"""What the forum keeps per member: following, reading, email choice, feed tokens. The
notifications themselves are the site's (partners.notifications)."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Subscription(models.Model):
    """How closely a member follows a topic or a category. A topic's setting wins over its
    category's."""

    class Level(models.TextChoices):
        WATCH = "watch", _("Watching: notify me of every new post")
        TRACK = "track", _("Tracking: notify me of replies to me and mentions")
        MUTE = "mute", _("Muted: never notify me")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    topic = models.ForeignKey(
        "forum.Topic",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    category = models.ForeignKey(
        "forum.Category",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(topic__isnull=False, category__isnull=True)
                | Q(topic__isnull=True, category__isnull=False),
                name="forum_subscription_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "topic"],
                condition=Q(topic__isnull=False),
                name="forum_unique_topic_subscription",
            ),
            models.UniqueConstraint(
                fields=["user", "category"],
                condition=Q(category__isnull=False),
                name="forum_unique_category_subscription",
            ),
        ]

    def __str__(self):
        return f"{self.user} {self.level} {self.topic or self.category}"


class ReadState(models.Model):
    """How far a member has read a topic (a post position)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_read_states"
    )
    topic = models.ForeignKey("forum.Topic", on_delete=models.CASCADE, related_name="+")
    last_read_position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="forum_unique_read_state")
        ]

    def __str__(self):
        return f"{self.user} read {self.topic_id} to {self.last_read_position}"


class Visit(models.Model):
    """When a member was last in the forum, for "new since your last visit"."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_visit"
    )
    last_seen_at = models.DateTimeField(default=timezone.now)
    previous_visit_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user} last seen {self.last_seen_at:%Y-%m-%d %H:%M}"


class NotificationPreference(models.Model):
    class Email(models.TextChoices):
        IMMEDIATE = "immediate", _("Send me an email for each notification")
        DIGEST = "digest", _("Send me one email a day with what is new")
        NEVER = "never", _("No emails: I read notifications on the site")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_notification_preference",
    )
    email = models.CharField(
        _("emails about forum activity"),
        max_length=12,
        choices=Email.choices,
        default=Email.IMMEDIATE,
    )
    notify_quotes = models.BooleanField(
        _("Notify me when someone quotes my posts"),
        default=True,
        help_text=_("When this is off, a quote counts as an ordinary reply to you."),
    )
    notify_reactions = models.BooleanField(
        _("Notify me when someone reacts to my posts"), default=True
    )
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"{self.user}: {self.email}"

    @classmethod
    def for_user(cls, user) -> "NotificationPreference":
        return cls.objects.get_or_create(user=user)[0]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class FeedToken(models.Model):
    """The secret in a member's private feed address. Only its hash is stored; creating a new
    one revokes the old."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_feed_token"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("private feed token")
        verbose_name_plural = _("private feed tokens")

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"


class Draft(models.Model):
    """A reply being written, kept on the server (never in the browser: computers are
    shared). One per member and topic; deleted when the reply is posted, or after
    ``DRAFT_DAYS`` days (forum.tasks.delete_old_drafts). Private to its author everywhere."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_drafts"
    )
    topic = models.ForeignKey("forum.Topic", on_delete=models.CASCADE, related_name="+")
    reply_to = models.ForeignKey(
        "forum.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    markdown = models.TextField(blank=True)
    language = models.CharField(max_length=8, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="forum_unique_draft")]

    def __str__(self):
        return f"{self.user} draft in {self.topic_id}"


class Bookmark(models.Model):
    """A post a member keeps, with an optional reminder (sent once, by
    forum.tasks.send_bookmark_reminders, only if the member may still read the post)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_bookmarks"
    )
    post = models.ForeignKey("forum.Post", on_delete=models.CASCADE, related_name="+")
    remind_at = models.DateTimeField(_("remind me on"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bookmark")
        verbose_name_plural = _("bookmarks")
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="forum_unique_bookmark")
        ]
        indexes = [models.Index(fields=["remind_at", "reminded_at"])]

    def __str__(self):
        return f"{self.user} bookmarked {self.post_id}"
