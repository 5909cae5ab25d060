"""Profiles: what others may know about a member."""

import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .organisations import Membership


def pseudonym() -> str:
    """A neutral default display name: never derived from the email or real name."""
    return f"partner-{secrets.token_hex(3)}"


class ProfileQuerySet(models.QuerySet):
    def in_directory(self):
        """Profiles of people other members may find: active, verified members of at least one
        organisation (the ``members`` audience of ``partners.access``, without staff who belong
        to no organisation)."""
        return self.filter(
            Exists(Membership.objects.filter(user=OuterRef("user"))),
            Exists(EmailAddress.objects.filter(user=OuterRef("user"), verified=True)),
            user__is_active=True,
            deleted_at__isnull=True,
        )

    def with_memberships(self):
        """The user row and every membership with its organisation: two queries in all."""
        return self.select_related("user").prefetch_related(
            Prefetch(
                "user__memberships",
                queryset=Membership.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            )
        )

    def for_directory(self):
        """The member directory and profile pages: a fixed number of queries however many
        members there are."""
        return self.in_directory().with_memberships().order_by("display_name", "pk")


class Profile(models.Model):
    """What others may know about a member. The email address is shown to nobody but the user
    and staff; the real name and organisation only where the member switched them on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(_("display name"), max_length=60, default=pseudonym)
    real_name = models.CharField(_("real name"), max_length=120, blank=True)
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        blank=True,
        help_text=_("For example: French, Arabic"),
    )
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    language = models.CharField(
        _("language for emails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Notifications and other emails reach you in this language."),
    )
    show_organisation = models.BooleanField(_("show my organisation"), default=False)
    show_real_name = models.BooleanField(_("show my real name"), default=False)
    allow_contact = models.BooleanField(
        _("allow direct contact"),
        default=False,
        help_text=_(
            "Other members may write to you through the site. Your address stays hidden "
            "until you reply."
        ),
    )
    deleted_at = models.DateTimeField(_("account deleted"), null=True, blank=True, editable=False)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.public_name)

    def get_absolute_url(self):
        return reverse("partners:profile", args=[self.user_id])

    @property
    def public_name(self):
        """What others see as the author: the display name, or "former member" once deleted."""
        if self.deleted_at is not None:
            return _("former member")
        return self.display_name

    def visible_memberships(self):
        """The memberships the directory may show, per the "show my organisation" switch.
        Uses the prefetch of ``for_directory``."""
        if not self.show_organisation:
            return []
        return list(self.user.memberships.all())
