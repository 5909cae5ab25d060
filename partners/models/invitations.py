"""Invitations (the only way in) and access requests (how outsiders ask for one)."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .organisations import Membership, Organisation

INVITATION_VALID_FOR = timedelta(days=7)


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Not used, not revoked, not expired."""
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )

    def with_status(self, status: str):
        """Filter on the computed ``Invitation.status``."""
        if status == Invitation.Status.PENDING:
            return self.pending()
        if status == Invitation.Status.ACCEPTED:
            return self.filter(accepted_at__isnull=False)
        if status == Invitation.Status.REVOKED:
            return self.filter(accepted_at__isnull=True, revoked_at__isnull=False)
        if status == Invitation.Status.EXPIRED:
            return self.filter(
                accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lte=timezone.now()
            )
        return self.none()

    def for_key(self, key: str):
        """The invitation a link's key belongs to (any state), or None."""
        if not key:
            return None
        return self.select_related("organisation").filter(key_hash=_hash_key(key)).first()

    def for_management(self, organisation):
        """An organisation's pending invitations, for its admin page."""
        return self.pending().filter(organisation=organisation).order_by("-created_at")


class Invitation(models.Model):
    """An invitation for one email address to join one organisation.

    Only a hash of the key is stored: the link exists in the email alone, so reading the
    database does not give anyone a way in. Sending (or re-sending) makes a new key, which
    retires the previous link.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    email = models.EmailField(_("email address"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=16, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    language = models.CharField(
        _("language of the email"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        if not self.key_hash:
            self.new_key()
        if not self.expires_at:
            self.expires_at = timezone.now() + INVITATION_VALID_FOR
        super().save(*args, **kwargs)

    def new_key(self) -> str:
        """Give the invitation a fresh key and return it (the caller saves). Only the hash is
        kept; the returned key goes into the link and nowhere else."""
        key = secrets.token_urlsafe(32)
        self.key_hash = _hash_key(key)
        return key

    @property
    def status(self) -> str:
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class AccessRequest(models.Model):
    """Someone outside asks to join. Staff approve (an invitation goes out) or decline."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email address"))
    organisation_name = models.CharField(_("organisation"), max_length=200)
    country = models.CharField(_("country"), max_length=100, blank=True)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    invitation = models.OneToOneField(
        Invitation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_request",
        verbose_name=_("invitation"),
    )

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.organisation_name})"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)
