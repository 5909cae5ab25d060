from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ASIA_PACIFIC = "asia-pacific", _("Asia and the Pacific")
    EUROPE_CENTRAL_ASIA = "europe-central-asia", _("Europe and Central Asia")
    MIDDLE_EAST_NORTH_AFRICA = "mena", _("Middle East and North Africa")
    GLOBAL = "global", _("Global")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public: anyone")
    MEMBERS = "members", _("Members: any signed-in partner member")
    GROUPS = "groups", _("Groups: only members of the chosen groups")


class AudienceMixin(models.Model):
    """Who may see a non-page model. Filter with partners.access, never by hand."""

    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.MEMBERS
    )
    groups = models.ManyToManyField(
        "auth.Group",
        blank=True,
        related_name="+",
        verbose_name=_("groups"),
        help_text=_("With the 'groups' audience, only members of these groups see it."),
    )

    class Meta:
        abstract = True


class OrganisationQuerySet(models.QuerySet):
    def listed(self):
        """Organisations that agreed to appear on public pages."""
        return self.filter(is_listed=True)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CSO = "cso", _("Civil society organisation")
        NETWORK = "network", _("Network")
        PROFESSIONAL = "professional", _("Professional organisation")
        MONITORING = "monitoring", _("Monitoring body")
        RESEARCH = "research", _("Research institute or university")
        OTHER = "other", _("Other")

    class Modality(models.TextChoices):
        PILOT = "pilot", _("Pilot")
        STRATEGIC = "strategic", _("Strategic")
        ALLIANCE = "alliance", _("Alliance")

    class Phase(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        ESTABLISHING = "establishing", _("Establishing")
        IMPLEMENTING = "implementing", _("Implementing")
        PHASING_OUT = "phasing-out", _("Phasing out")
        PHASED_OUT = "phased-out", _("Phased out")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CSO)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("short public description"), blank=True)
    is_listed = models.BooleanField(
        _("listed publicly"),
        default=False,
        help_text=_("Off by default: some partners must stay invisible to the public."),
    )
    modality = models.CharField(
        _("partnership modality"), max_length=16, choices=Modality.choices, blank=True
    )
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


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

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")
        ]

    def __str__(self):
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"


def pseudonym() -> str:
    """A neutral default display name: never derived from the email or real name."""
    import secrets

    return f"partner-{secrets.token_hex(3)}"


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
    show_organisation = models.BooleanField(_("show my organisation"), default=False)
    show_real_name = models.BooleanField(_("show my real name"), default=False)
    allow_contact = models.BooleanField(_("allow direct contact"), default=False)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return self.display_name
