"""Organisations and memberships."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ASIA_PACIFIC = "asia-pacific", _("Asia and the Pacific")
    EUROPE_CENTRAL_ASIA = "europe-central-asia", _("Europe and Central Asia")
    MIDDLE_EAST_NORTH_AFRICA = "mena", _("Middle East and North Africa")
    GLOBAL = "global", _("Global")


class OrganisationQuerySet(models.QuerySet):
    def listed(self):
        """Organisations that agreed to appear on public pages."""
        return self.filter(is_listed=True)

    def for_public_list(self):
        """The public organisation list: listed ones, with their descriptions (two queries)."""
        return self.listed().prefetch_related("descriptions")


class Organisation(ClusterableModel):
    class Kind(models.TextChoices):
        CSO = "cso", _("Civil society organisation")
        NETWORK = "network", _("Network")
        PROFESSIONAL = "professional", _("Professional organisation")
        MONITORING = "monitoring", _("Monitoring body")
        RESEARCH = "research", _("Research institute or university")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    # Names come in the reader's language from django-countries' translations.
    country = CountryField(_("country"), blank=True)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CSO)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("short public description (English)"),
        max_length=1000,
        blank=True,
        help_text=_("Shown where no description in the reader's language exists."),
    )
    is_listed = models.BooleanField(
        _("listed publicly"),
        default=False,
        help_text=_("Off by default: some partners must stay invisible to the public."),
    )
    require_mfa = models.BooleanField(
        _("members must use two-factor authentication"),
        default=False,
        help_text=_(
            "On: every member of this organisation must add a second factor (an authenticator "
            "app or a security key) before using the site."
        ),
    )

    objects = OrganisationQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("short_name"),
                FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
                FieldPanel("kind"),
                FieldPanel("website"),
            ],
            heading=_("Organisation"),
        ),
        FieldPanel("is_listed"),
        FieldPanel("require_mfa"),
        FieldPanel("description"),
        InlinePanel("descriptions", heading=_("Translated descriptions"), label=_("Translation")),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def description_in(self, language_code: str | None = None) -> str:
        """The description in ``language_code`` (default: the active language), else English.

        Reads ``descriptions`` through ``.all()`` so that a prefetch is used.
        """
        language_code = language_code or get_language() or settings.LANGUAGE_CODE
        for translation in self.descriptions.all():
            if translation.language_code == language_code and translation.description:
                return translation.description
        return self.description


# The English text lives on Organisation.description; these are the other languages.
_TRANSLATION_LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != "en"]


class OrganisationDescription(models.Model):
    """The organisation's short public description in one more language. One row per language,
    so that ``Organisation`` stays one row per organisation (memberships point at it)."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="descriptions")
    language_code = models.CharField(_("language"), max_length=8, choices=_TRANSLATION_LANGUAGES)
    description = models.TextField(_("description"), max_length=1000)

    panels = [FieldPanel("language_code"), FieldPanel("description")]

    class Meta:
        verbose_name = _("translated description")
        verbose_name_plural = _("translated descriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "language_code"], name="unique_organisation_description"
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.language_code})"


class MembershipQuerySet(models.QuerySet):
    def for_management(self, organisation):
        """An organisation's members for its admin page: people and profiles in one query."""
        return (
            self.filter(organisation=organisation)
            .select_related("user__profile")
            .order_by("-role", "user__profile__display_name")
        )


class Membership(models.Model):
    """A user's place in an organisation. Removing a member deletes the row: access ends at once."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        ADMIN = "admin", _("Organisation admin")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")
        ]

    def __str__(self):
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"
