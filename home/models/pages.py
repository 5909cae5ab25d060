from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home import hooks as home_hooks
from home.blocks import BaseStreamBlock


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
        registers a ``home.hooks.HOME_SECTIONS`` hook returning a ``HomeSection`` (or None),
        already filtered through partners.access for this request's user."""
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = home_hooks.home_sections(request)
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
