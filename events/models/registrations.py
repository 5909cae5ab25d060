"""Who comes: registrations (confirmed, on the waitlist, offered a freed seat), the organisers'
audit log, and what is kept of the answers once they are deleted."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .pages import EventPage, EventSession, SessionKind, validate_zone


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self):
        """The waitlist in its fair order: position, then who came first."""
        return self.filter(status=Registration.Status.WAITLISTED).order_by(
            "waitlist_position", "created_at", "pk"
        )

    def offered(self):
        return self.filter(status=Registration.Status.OFFERED)

    def holding_seats(self, now=None):
        """Confirmed registrations and offers still running: the seats that are taken."""
        now = now or timezone.now()
        return self.filter(
            models.Q(status=Registration.Status.CONFIRMED)
            | models.Q(status=Registration.Status.OFFERED, offer_expires_at__gt=now)
        )

    def expired_offers(self, now=None):
        return self.offered().filter(offer_expires_at__lte=now or timezone.now())

    def for_organisers(self):
        """The organisers' listing: each registrant with their profile, in one query."""
        return self.select_related("user__profile").order_by("status", "waitlist_position", "pk")

    def participant_list(self):
        """Confirmed registrants who agreed to be listed to other participants."""
        return (
            self.confirmed()
            .filter(listed_to_participants=True)
            .select_related("user__profile")
            .order_by("user__profile__display_name", "pk")
        )


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        OFFERED = "offered", _("Offered a seat")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Offer expired")

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("user"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    waitlist_position = models.PositiveIntegerField(_("waitlist position"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    time_zone = models.CharField(
        _("your time zone"), max_length=64, default="UTC", validators=[validate_zone]
    )
    # Answers to the organisers' questions: seen by organisers only, deleted after the event.
    dietary = models.CharField(_("dietary needs"), max_length=300, blank=True)
    interpretation_language = models.CharField(
        _("interpretation language"), max_length=60, blank=True
    )
    accessibility = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    visa_letter = models.BooleanField(_("I need a visa invitation letter"), default=False)
    answers_purged_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Safety: nobody is listed to others, photographed or recorded without saying yes.
    listed_to_participants = models.BooleanField(
        _("show my display name to other participants"), default=False
    )
    photo_consent = models.BooleanField(_("I agree to be photographed"), default=False)
    recording_consent = models.BooleanField(_("I agree to be recorded"), default=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The one link that takes someone off the waitlist (from an email, no search for the page).
    leave_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="events_one_registration")
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.user_id} → {self.event_id} ({self.status})"

    @property
    def holds_seat(self) -> bool:
        return self.status == self.Status.CONFIRMED or (
            self.status == self.Status.OFFERED
            and self.offer_expires_at is not None
            and self.offer_expires_at > timezone.now()
        )

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.WAITLISTED, self.Status.OFFERED)


class OrganiserAction(models.Model):
    """The audit log: every change an organiser makes to someone's place, every full export,
    every message sent. Written by events.services only."""

    class Action(models.TextChoices):
        MOVE = "move", _("Changed a waitlist place")
        FULL_EXPORT = "full_export", _("Exported the full list")
        MESSAGE = "message", _("Messaged registrants")

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="+")
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("organiser action")
        verbose_name_plural = _("organiser actions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class AnswerSummary(models.Model):
    """What stays of the answers once they are deleted: counts only."""

    event = models.OneToOneField(EventPage, on_delete=models.CASCADE, related_name="+")
    counts = models.JSONField(default=dict)
    purged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("answer summary")

    def __str__(self):
        return f"{self.event_id}: {self.counts}"


class ProposalQuerySet(models.QuerySet):
    def for_review(self):
        """The reviewers' list: one query; the proposer's profile comes along only for the
        template to leave out when the review is anonymised."""
        return self.select_related("proposer__profile", "session").order_by("created_at", "pk")

    def for_export(self, *, anonymous: bool):
        """The CSV export: one query; with an anonymised review the proposer is not even
        fetched."""
        rows = self.order_by("created_at", "pk")
        return rows if anonymous else rows.select_related("proposer__profile")


class Proposal(models.Model):
    """A member's proposal for a session (the call for contributions)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("status", "Submitted")
        CHANGES = "changes", _("Changes requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("event")
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_proposals",
        verbose_name=_("proposer"),
    )
    title = models.CharField(_("title"), max_length=200)
    abstract = models.TextField(_("abstract"), max_length=3000)
    kind = models.CharField(
        _("format"),
        max_length=16,
        choices=[
            (SessionKind.PLENARY, SessionKind.PLENARY.label),
            (SessionKind.WORKSHOP, SessionKind.WORKSHOP.label),
        ],
        default=SessionKind.WORKSHOP,
    )
    language = models.CharField(_("language"), max_length=60)
    practice_url = models.URLField(
        _("related practice"),
        blank=True,
        help_text=_("Optional: the address of a practice in the knowledge base."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    organiser_note = models.TextField(_("note to the proposer"), blank=True)
    session = models.OneToOneField(
        EventSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposal"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self):
        return self.title
