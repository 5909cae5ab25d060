"""The event pages: an index (upcoming, past, a year filter, the iCal feed) and the event
itself with its agenda. Times are stored in UTC with the event's time zone (a zoneinfo name)
and shown in that zone or in the reader's, always naming the zone."""

from __future__ import annotations

import zoneinfo
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BaseStreamBlock


def zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


def validate_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Choose a time zone from the list."))


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (in person and online)")


class SessionKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    WORKSHOP = "workshop", _("Workshop")
    BREAK = "break", _("Break")


# Outcomes link to the pages they concern, named by string: events never imports practices.
OUTCOME_PAGE_TYPES = ["practices.PracticePage", "home.PolicyPage", "home.AnnexPage"]


class MaterialBlock(blocks.StructBlock):
    """A document shown under a session (slides, papers). Listed only to readers who may see
    the document itself."""

    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("title"), required=False, max_length=200, help_text=_("Empty: the document's.")
    )

    class Meta:
        label = _("material")
        icon = "doc-full"


class EventIndexPage(RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("event index page")

    @path("")
    def index_route(self, request):
        from events import views

        return views.event_index(self, request)

    @path("calendar/")
    def feed_route(self, request):
        from events import views

        return views.event_feed(self, request)


class EventPage(RoutablePageMixin, Page):
    summary = models.TextField(_("summary"), max_length=500)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    start = models.DateTimeField(_("starts"), help_text=_("In the event's time zone."))
    end = models.DateTimeField(_("ends"), help_text=_("In the event's time zone."))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_zone],
        help_text=_("Where the event takes place (or is run from), e.g. Europe/Zurich."),
    )
    format = models.CharField(
        _("format"), max_length=16, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    venue = models.TextField(_("venue"), blank=True)
    joining_details = models.TextField(
        _("online joining details"),
        blank=True,
        help_text=_(
            "Link, meeting number, passcode. Shown only to confirmed registrants: never on "
            "the public page, in the public calendar, in search or in other emails."
        ),
    )
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("For example: English, French")
    )
    interpretation = models.CharField(
        _("interpretation channels"),
        max_length=200,
        blank=True,
        help_text=_("For example: Arabic, Spanish"),
    )
    is_annual_workshop = models.BooleanField(_("annual GPE workshop"), default=False)
    workshop_year = models.PositiveIntegerField(_("workshop year"), null=True, blank=True)

    # Registration
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    offer_hours = models.PositiveIntegerField(
        _("hours to claim a freed seat"),
        default=48,
        help_text=_("How long a seat offered from the waitlist is held."),
    )
    reminder_hours = models.PositiveIntegerField(
        _("reminder (hours before)"), default=24, help_text=_("0: no reminder.")
    )
    purge_after_days = models.PositiveIntegerField(
        _("delete answers after (days)"),
        default=90,
        help_text=_(
            "Registrants' answers are deleted this many days after the event; counts stay."
        ),
    )
    ask_dietary = models.BooleanField(_("ask about dietary needs"), default=False)
    ask_interpretation = models.BooleanField(_("ask for an interpretation language"), default=False)
    ask_accessibility = models.BooleanField(_("ask about accessibility needs"), default=False)
    ask_visa_letter = models.BooleanField(_("offer a visa invitation letter"), default=False)
    accepts_proposals = models.BooleanField(_("call for contributions open"), default=False)
    proposals_close_at = models.DateTimeField(_("proposals close"), null=True, blank=True)
    anonymous_review = models.BooleanField(
        _("anonymised review"),
        default=False,
        help_text=_("Reviewers never see who proposed a session, on any page or export."),
    )
    outcomes = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("outcomes"),
        help_text=_("After the event: what it concluded, recommendations, materials."),
    )
    outcome_links = StreamField(
        [
            (
                "page",
                blocks.PageChooserBlock(
                    page_type=OUTCOME_PAGE_TYPES, label=_("practice or policy page")
                ),
            )
        ],
        blank=True,
        verbose_name=_("outcomes: related practices and policy"),
        help_text=_(
            "Practices and policy pages the outcomes concern. Each reader sees only those "
            "they may open, in their language where a translation exists."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
                FieldPanel("format"),
                FieldPanel("venue"),
                FieldPanel("joining_details"),
                FieldRowPanel([FieldPanel("languages"), FieldPanel("interpretation")]),
                FieldRowPanel([FieldPanel("is_annual_workshop"), FieldPanel("workshop_year")]),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("body"),
        InlinePanel("sessions", label=_("Agenda")),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("offer_hours")]),
                FieldRowPanel([FieldPanel("reminder_hours"), FieldPanel("purge_after_days")]),
                FieldPanel("ask_dietary"),
                FieldPanel("ask_interpretation"),
                FieldPanel("ask_accessibility"),
                FieldPanel("ask_visa_letter"),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accepts_proposals"),
                FieldPanel("proposals_close_at"),
                FieldPanel("anonymous_review"),
            ],
            heading=_("Call for contributions"),
        ),
        FieldPanel("outcomes"),
        FieldPanel("outcome_links"),
    ]
    # Never the joining details: search results reach people who are not registered.
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.FilterField("start"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_online(self) -> bool:
        return self.format in (EventFormat.ONLINE, EventFormat.HYBRID)

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.registration_opens_at is None or now < self.registration_opens_at:
            return False
        closes = self.registration_closes_at or self.start
        return now < closes

    @property
    def offer_duration(self) -> timedelta:
        return timedelta(hours=self.offer_hours)

    def proposals_open(self, now=None) -> bool:
        now = now or timezone.now()
        closes = self.proposals_close_at or self.start
        return self.accepts_proposals and now < closes

    def questions(self) -> list[str]:
        """The per-event questions the organisers switched on, in form order."""
        return [
            name
            for name, asked in (
                ("dietary", self.ask_dietary),
                ("interpretation_language", self.ask_interpretation),
                ("accessibility", self.ask_accessibility),
                ("visa_letter", self.ask_visa_letter),
            )
            if asked
        ]

    @path("")
    def event_route(self, request):
        from events import views

        return views.event(self, request)

    @path("time-zone/")
    def time_zone_route(self, request):
        from events import views

        return views.time_zone(self, request)

    @path("register/")
    def register_route(self, request):
        from events import views

        return views.register(self, request)

    @path("waitlist/")
    def waitlist_route(self, request):
        from events import views

        return views.waitlist(self, request)

    @path("cancel/")
    def cancel_route(self, request):
        from events import views

        return views.cancel(self, request)

    @path("claim/")
    def claim_route(self, request):
        from events import views

        return views.claim(self, request)

    @path("leave/<uuid:token>/")
    def leave_route(self, request, token):
        from events import views

        return views.leave(self, request, token)

    @path("calendar/")
    def ics_route(self, request):
        from events import views

        return views.ics_file(self, request)

    @path("organisers/")
    def organisers_route(self, request):
        from events import views

        return views.organisers(self, request)

    @path("organisers/export/")
    def export_route(self, request):
        from events import views

        return views.export(self, request)

    @path("organisers/message/")
    def message_route(self, request):
        from events import views

        return views.message(self, request)

    @path("propose/")
    def propose_route(self, request):
        from events import views

        return views.propose(self, request)

    @path("organisers/proposals/")
    def proposals_route(self, request):
        from events import views

        return views.proposals(self, request)

    @path("organisers/proposals/export/")
    def proposals_export_route(self, request):
        from events import views

        return views.proposals_export(self, request)

    @path("organisers/proposals/<int:pk>/")
    def review_route(self, request, pk):
        from events import views

        return views.review(self, request, pk)

    @path("organisers/move/<int:pk>/")
    def move_route(self, request, pk):
        from events import views

        return views.move(self, request, pk)


class EventSession(Orderable):
    """One item of the agenda."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    room = models.CharField(_("room or stream"), max_length=120, blank=True)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=SessionKind.choices, default=SessionKind.PLENARY
    )
    language = models.CharField(_("language"), max_length=60, blank=True)
    interpretation = models.CharField(_("interpretation"), max_length=200, blank=True)
    materials = StreamField(
        [("material", MaterialBlock())],
        blank=True,
        verbose_name=_("materials"),
        help_text=_("Documents and slides. Each reader sees only those they may open."),
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("room")]),
        FieldPanel("speakers"),
        FieldRowPanel([FieldPanel("language"), FieldPanel("interpretation")]),
        FieldPanel("description"),
        FieldPanel("materials"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "sort_order"]

    def __str__(self):
        return self.title
