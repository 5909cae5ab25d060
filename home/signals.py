"""Site-wide model rules that no form or import may skip."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.models import Page

from .sanitize import single_line

PAGE_ONE_LINE_FIELDS = ("title", "draft_title", "seo_title")


@receiver(pre_save)
def page_titles_are_one_line(sender, instance, raw=False, **kwargs):
    """Every page type's titles are one line: they reach mail subjects (a review reminder),
    where a line break is a refused header, and feeds and the browser's title bar."""
    if raw or not isinstance(instance, Page):
        return
    for name in PAGE_ONE_LINE_FIELDS:
        value = getattr(instance, name, None)
        if value:
            setattr(instance, name, single_line(value))
