"""Partnerships: the organisation's collaboration with one or more partner organisations, as
the Partnership Policy describes it (modality, phase, shared goals, exit criteria, results).
Practices document them; the partnership spaces (dialogue) are their private working rooms."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from .audiences import AudienceMixin
from .organisations import Organisation


class PartnershipQuerySet(models.QuerySet):
    def with_texts(self):
        """Partnerships with their organisations and translated texts: three queries."""
        return self.prefetch_related("organisations", "texts")

    def phased_out(self):
        return self.filter(phase=Partnership.Phase.PHASED_OUT)


class Partnership(AudienceMixin, ClusterableModel):
    """One partnership. Its ``audience`` decides who may know of it (its name, partners and
    phase on practice pages): members by default; some partnerships must stay unnamed to the
    public. Its working group is the private room of the people in it."""

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

    name = models.CharField(_("name (English)"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    organisations = ParentalManyToManyField(
        Organisation,
        related_name="partnerships",
        verbose_name=_("partner organisations"),
    )
    staff = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="partnerships_staffed",
        verbose_name=_("programme staff"),
        help_text=_("The organisation's own staff who work on this partnership."),
    )
    modality = models.CharField(_("modality"), max_length=16, choices=Modality.choices)
    phase = models.CharField(
        _("phase"), max_length=16, choices=Phase.choices, default=Phase.PREPARING
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    shared_goals = models.TextField(_("shared goals (English)"), blank=True)
    exit_criteria = models.TextField(_("exit criteria (English)"), blank=True)
    results_summary = models.TextField(_("results summary (English)"), blank=True)
    working_group = models.OneToOneField(
        Group,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partnership",
        editable=False,
        verbose_name=_("working group"),
        help_text=_("Made with the partnership: its members' private space."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PartnershipQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldRowPanel([FieldPanel("modality"), FieldPanel("phase")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("countries"),
            ],
            heading=_("Partnership"),
        ),
        MultiFieldPanel([FieldPanel("organisations"), FieldPanel("staff")], heading=_("People")),
        MultiFieldPanel(
            [
                FieldPanel("shared_goals"),
                FieldPanel("exit_criteria"),
                FieldPanel("results_summary"),
            ],
            heading=_("Goals and results"),
        ),
        InlinePanel("texts", heading=_("Translations"), label=_("Translation")),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("groups")], heading=_("Who may know of it")
        ),
    ]

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.working_group_id is None:
            self.working_group = Group.objects.get_or_create(
                name=f"Partnership: {self.slug}"[:150]
            )[0]
        super().save(*args, **kwargs)

    @property
    def is_phased_out(self) -> bool:
        return self.phase == self.Phase.PHASED_OUT

    def text(self, field: str, language_code: str | None = None) -> str:
        """``field`` (name, shared_goals, exit_criteria, results_summary) in the reader's
        language where a translation has it, else English. Uses a prefetch of ``texts``."""
        language_code = language_code or get_language() or settings.LANGUAGE_CODE
        for translation in self.texts.all():
            if translation.language_code == language_code and getattr(translation, field):
                return getattr(translation, field)
        return getattr(self, field)

    @property
    def display_name(self) -> str:
        return self.text("name")


_TRANSLATION_LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != "en"]


class PartnershipText(models.Model):
    """A partnership's shown text in one more language (English lives on the partnership)."""

    partnership = ParentalKey(Partnership, on_delete=models.CASCADE, related_name="texts")
    language_code = models.CharField(_("language"), max_length=8, choices=_TRANSLATION_LANGUAGES)
    name = models.CharField(_("name"), max_length=200, blank=True)
    shared_goals = models.TextField(_("shared goals"), blank=True)
    exit_criteria = models.TextField(_("exit criteria"), blank=True)
    results_summary = models.TextField(_("results summary"), blank=True)

    panels = [
        FieldPanel("language_code"),
        FieldPanel("name"),
        FieldPanel("shared_goals"),
        FieldPanel("exit_criteria"),
        FieldPanel("results_summary"),
    ]

    class Meta:
        verbose_name = _("partnership translation")
        verbose_name_plural = _("partnership translations")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "language_code"], name="unique_partnership_text"
            )
        ]

    def __str__(self):
        return f"{self.partnership} ({self.language_code})"
