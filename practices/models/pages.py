"""The catalogue page and the practice page (the good-practice template)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES

from .snippets import Principle, Region, Theme


class MembersSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "lock"
        label = _("Section for members")


class PracticeIndexPage(RoutablePageMixin, Page):
    """The catalogue: facets, search, year histogram, map, matrix, exports and feeds. Its
    routes live in practices.views; the query logic in practices.catalogue."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.PracticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("practice catalogue")

    @path("")
    def catalogue(self, request):
        from practices import views

        return views.catalogue(self, request)

    @re_path(r"^export/(?P<fmt>csv|json)/$")
    def export(self, request, fmt):
        from practices import views

        return views.export(self, request, fmt)

    @path("feed/")
    def feed(self, request):
        from practices.feeds import PracticeFeed

        return PracticeFeed()(request, index=self)

    @path("follow/")
    def follow(self, request):
        from practices import views

        return views.follow(self, request)

    @path("map/")
    def map(self, request):
        from practices import views

        return views.world_map(self, request)

    @path("matrix/")
    def matrix(self, request):
        from practices import views

        return views.matrix(self, request)


class PracticePage(Page):
    """One documented result or promising practice. Audience: Wagtail's view restrictions."""

    class EvidenceLevel(models.TextChoices):
        SELF_REPORTED = "self-reported", _("Self-reported")
        PEER_REVIEWED = "peer-reviewed", _("Peer-reviewed by partners")
        EVALUATED = "evaluated", _("Independently evaluated")

    class FollowUpStatus(models.TextChoices):
        SUSTAINED = "sustained", _("Sustained")
        ADAPTED = "adapted", _("Adapted")
        DISCONTINUED = "discontinued", _("Discontinued")

    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences: what it is and what it achieved.")
    )
    context = RichTextField(_("context"), features=RICH_TEXT_FEATURES, blank=True)
    objectives = RichTextField(_("objectives"), features=RICH_TEXT_FEATURES, blank=True)
    activities = RichTextField(_("what was done"), features=RICH_TEXT_FEATURES, blank=True)
    results = RichTextField(_("results and impact"), features=RICH_TEXT_FEATURES, blank=True)
    enabling_factors = RichTextField(
        _("enabling factors and constraints"), features=RICH_TEXT_FEATURES, blank=True
    )
    lessons_learned = RichTextField(_("lessons learned"), features=RICH_TEXT_FEATURES, blank=True)
    sustainability = RichTextField(
        _("sustainability and replicability"), features=RICH_TEXT_FEATURES, blank=True
    )
    exit_strategy = RichTextField(
        _("exit strategy and how phasing out went"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("For phased-out partnerships."),
    )
    members_only = StreamField(
        [("section", MembersSectionBlock())],
        blank=True,
        verbose_name=_("for members only"),
        help_text=_(
            "Sections shown only to signed-in partner members, even on a public practice. "
            "Never searched, fed, exported or shown in listings."
        ),
    )
    follow_up_status = models.CharField(
        _("after phase-out"), max_length=16, choices=FollowUpStatus.choices, blank=True
    )
    follow_up_date = models.DateField(_("follow-up date"), null=True, blank=True)
    follow_up_note = models.TextField(
        _("what became of it after phase-out"),
        blank=True,
        help_text=_("A short note on what happened after the partnership ended, and when."),
    )

    partnership = models.ForeignKey(
        "partners.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
        verbose_name=_("partnership"),
    )
    themes = ParentalManyToManyField(Theme, blank=True, verbose_name=_("themes"))
    principles = ParentalManyToManyField(Principle, blank=True, verbose_name=_("principles"))
    regions = ParentalManyToManyField(Region, blank=True, verbose_name=_("regions"))
    countries = CountryField(_("countries"), multiple=True, blank=True)
    period_start = models.PositiveSmallIntegerField(_("from (year)"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("to (year)"), null=True, blank=True)
    evidence_level = models.CharField(
        _("evidence level"),
        max_length=16,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.SELF_REPORTED,
    )
    contact = models.TextField(
        _("contact (members only)"),
        blank=True,
        help_text=_("How members can reach the people behind this practice. Never shown publicly."),
    )
    contains_identifying_details = models.BooleanField(
        _("contains identifying details"),
        default=True,
        help_text=_(
            "Names of survivors or staff, exact locations, photos of people. While this is "
            "ticked the practice cannot be published to the public: restrict it in Privacy, or "
            "remove the details and untick."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("context"),
        FieldPanel("objectives"),
        FieldPanel("activities"),
        FieldPanel("results"),
        FieldPanel("enabling_factors"),
        FieldPanel("lessons_learned"),
        FieldPanel("sustainability"),
        FieldPanel("members_only"),
        MultiFieldPanel(
            [
                FieldPanel("exit_strategy"),
                FieldRowPanel([FieldPanel("follow_up_status"), FieldPanel("follow_up_date")]),
                FieldPanel("follow_up_note"),
            ],
            heading=_("Phase-out and after"),
        ),
        InlinePanel("attachments", heading=_("Attachments"), label=_("Attachment")),
        InlinePanel("related_links", heading=_("Related practices"), label=_("Related practice")),
    ]
    classification_panels = [
        FieldPanel("partnership"),
        FieldPanel("themes"),
        FieldPanel("principles"),
        FieldPanel("regions"),
        FieldPanel("countries"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldPanel("evidence_level"),
        FieldPanel("contact"),
        FieldPanel("contains_identifying_details"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(classification_panels, heading=_("Classification and safety")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("context"),
        index.SearchField("objectives"),
        index.SearchField("activities"),
        index.SearchField("results"),
        index.SearchField("lessons_learned"),
    ]

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The end year comes before the start year.")})

    @property
    def years(self) -> range:
        """The years the practice ran (its start year alone when it has no end)."""
        start = self.period_start or self.period_end
        end = self.period_end or self.period_start
        return range(start, end + 1) if start else range(0)

    def publish(self, revision, *args, **kwargs):
        """Every way of publishing (the editor's button, a workflow's approval, a script)
        passes here: a practice with identifying details never goes out to the public."""
        from practices.safety import check_may_publish

        check_may_publish(revision.as_object())
        return super().publish(revision, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from practices import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.practice_context(self, request))
        return context


class PracticeAttachment(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class PracticeRelatedLink(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="related_links")
    practice = models.ForeignKey(
        PracticePage,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("related practice"),
    )

    panels = [FieldPanel("practice")]

    class Meta(Orderable.Meta):
        verbose_name = _("related practice")
        verbose_name_plural = _("related practices")
