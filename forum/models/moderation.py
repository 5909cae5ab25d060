"""Reports, silences and the audit log of every moderator action."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)

    def for_queue(self):
        """The moderation queue: post, topic, category and the people involved, one query."""
        return self.select_related(
            "post__topic__category", "post__author__profile", "reporter__profile"
        ).order_by("created_at", "pk")


class Report(models.Model):
    class Reason(models.TextChoices):
        SAFETY = "safety", _("It puts someone at risk (names, places, identifying details)")
        ABUSE = "abuse", _("It is abusive or harassing")
        SPAM = "spam", _("It is spam or advertising")
        OFF_TOPIC = "off_topic", _("It does not belong here")
        OTHER = "other", _("Something else")

    post = models.ForeignKey("forum.Post", on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution = models.CharField(_("resolution"), max_length=200, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return f"{self.get_reason_display()} ({self.created_at:%Y-%m-%d})"


class SilenceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(until__gt=timezone.now(), lifted_at__isnull=True)


class Silence(models.Model):
    """A member who may not post until a time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_silences"
    )
    until = models.DateTimeField(_("silenced until"))
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)

    objects = SilenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("silence")
        verbose_name_plural = _("silences")

    def __str__(self):
        return f"{self.user} until {self.until:%Y-%m-%d %H:%M}"


class ModerationAction(models.Model):
    """The audit log: who did what, when and why. Rows are only ever added."""

    class Action(models.TextChoices):
        HIDE_POST = "hide_post", _("Hid a post")
        RESTORE_POST = "restore_post", _("Restored a post")
        HIDE_TOPIC = "hide_topic", _("Hid a topic")
        RESTORE_TOPIC = "restore_topic", _("Restored a topic")
        LOCK = "lock", _("Locked a topic")
        UNLOCK = "unlock", _("Unlocked a topic")
        PIN = "pin", _("Pinned a topic")
        UNPIN = "unpin", _("Unpinned a topic")
        MOVE = "move", _("Moved a topic")
        SPLIT = "split", _("Split replies into a new topic")
        SOLVE = "solve", _("Marked a solution")
        SILENCE = "silence", _("Silenced a member")
        UNSILENCE = "unsilence", _("Lifted a silence")
        RESOLVE_REPORT = "resolve_report", _("Closed a report")
        EDIT_POST = "edit_post", _("Edited someone else's post")

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    topic = models.ForeignKey(
        "forum.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    post = models.ForeignKey(
        "forum.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("member concerned"),
    )
    reason = models.TextField(_("reason"))
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"
