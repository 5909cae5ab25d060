from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseStreamBlock


@dataclass(frozen=True)
class HomeSection:
    """One block of the home page: a heading, a few links and a link to the rest."""

    title: str
    url: str
    more_label: str
    items: list = field(default_factory=list)  # [{"title", "url", "meta"}]
    order: int = 100


class HomePage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        """The home page shows the latest of each app without importing them: each app
        registers a ``gpe_home_sections`` hook returning a ``HomeSection`` (or None), already
        filtered through partners.access for this request's user."""
        context = super().get_context(request, *args, **kwargs)
        sections = [hook(request) for hook in hooks.get_hooks("gpe_home_sections")]
        context["sections"] = sorted(filter(None, sections), key=lambda section: section.order)
        return context


class StandardPage(Page):
    """A plain page: about, contact, how to join."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    complaints_url = models.URLField(
        _("complaint mechanism"),
        blank=True,
        help_text=_("Where people send complaints, following the organisation's mechanism."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    policy_feedback_from_anyone = models.BooleanField(
        _("anyone may send feedback on the policy"),
        default=False,
        help_text=_(
            "Off: only signed-in partner members can use the feedback form on the policy. "
            "On: visitors can too (rate-limited)."
        ),
    )

    panels = [
        FieldPanel("complaints_url"),
        FieldPanel("contact_email"),
        FieldPanel("policy_feedback_from_anyone"),
    ]

    class Meta:
        verbose_name = _("site settings")
