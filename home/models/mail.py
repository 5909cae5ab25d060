"""The outbox: every mail the site sends is kept here until the mail server took it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessageQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(sent_at__isnull=True, dropped_at__isnull=True)

    def due(self, now=None):
        """Pending messages whose next attempt has come."""
        return self.pending().filter(send_after__lte=now or timezone.now())


class OutboxMessage(models.Model):
    """One mail, rendered in its reader's language when it was queued. A mail server that is
    down loses nothing: the message waits here and is retried with growing pauses."""

    class Dropped(models.TextChoices):
        NO_LONGER_ALLOWED = "access", _("the reader may no longer see what it is about")
        NO_ADDRESS = "address", _("the reader has no active account or address any more")
        GAVE_UP = "failed", _("the mail server refused it too many times")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    to = models.EmailField(_("to"))
    reply_to = models.EmailField(_("reply to"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=255)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    # What the mail is about: access is checked again right before it is sent.
    about_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    attachments = models.JSONField(default=list, blank=True)  # [[name, text, mimetype]]
    created_at = models.DateTimeField(default=timezone.now)
    send_after = models.DateTimeField(default=timezone.now, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=100, blank=True)  # an exception's name, no text
    sent_at = models.DateTimeField(null=True, blank=True)
    dropped_at = models.DateTimeField(null=True, blank=True)
    dropped_because = models.CharField(max_length=16, choices=Dropped.choices, blank=True)
    # Names the one event a mail is for ("policy-feedback:12:3"), so that a task run twice
    # queues it once. Empty: no such guard.
    key = models.CharField(max_length=120, blank=True, default="")

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~models.Q(key=""), name="home_outbox_key_once"
            )
        ]

    def __str__(self):
        return f"{self.to}: {self.subject}"
