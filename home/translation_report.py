"""The admin's "Translations" report: every page of the default language against every other
language, with what each translation lacks.

- missing: no page in that language;
- not published: a translation exists but is not live;
- out of date: wagtail-localize's source was published after its content was last extracted
  ("Sync translated pages"), or extracted again after the translation was last saved from it
  (without wagtail-localize: the original was published after the translation);
- up to date.

Rows are the pages the editor may change (Wagtail's page permissions), 50 per page of the
report, with four queries whatever the number of languages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationLog, TranslationSource

from home.policy.translation import behind_its_source

MISSING = "missing"
NOT_LIVE = "not-live"
OUT_OF_DATE = "out-of-date"
UP_TO_DATE = "up-to-date"
LABELS = {
    MISSING: _("Missing"),
    NOT_LIVE: _("Not published"),
    OUT_OF_DATE: _("Out of date"),
    UP_TO_DATE: _("Up to date"),
}


@dataclass(frozen=True)
class Cell:
    status: str
    page: Page | None = None

    @property
    def label(self) -> str:
        return LABELS[self.status]


def _status(source_page, translated, source, last_saved) -> str:
    if translated is None:
        return MISSING
    if not translated.live:
        return NOT_LIVE
    if source is not None:
        return OUT_OF_DATE if behind_its_source(source_page, source, last_saved) else UP_TO_DATE
    # Copied without wagtail-localize: published after the original means current.
    behind = source_page.last_published_at is not None and (
        translated.last_published_at is None
        or translated.last_published_at < source_page.last_published_at
    )
    return OUT_OF_DATE if behind else UP_TO_DATE


def translation_rows(pages, locales) -> list[tuple[Page, list[Cell]]]:
    """``[(page, [Cell per locale])]`` for ``pages`` (default-language pages)."""
    keys = [page.translation_key for page in pages]
    translations = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys)
        .exclude(locale_id__in=[page.locale_id for page in pages])
        .only("id", "title", "translation_key", "locale_id", "live", "last_published_at")
    }
    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(object_id__in=keys).only(
            "id", "object_id", "locale_id", "last_updated_at"
        )
    }
    last_saved = {
        (row["source_id"], row["locale_id"]): row["last"]
        for row in TranslationLog.objects.filter(source__in=list(sources.values()))
        .values("source_id", "locale_id")
        .annotate(last=Max("created_at"))
    }
    rows = []
    for page in pages:
        source = sources.get(page.translation_key)
        cells = []
        for locale in locales:
            translated = translations.get((page.translation_key, locale.pk))
            saved = last_saved.get((source.pk, locale.pk)) if source else None
            cells.append(Cell(_status(page, translated, source, saved), translated))
        rows.append((page, cells))
    return rows


class TranslationReportView(ReportView):
    """Pages × languages: which translations are missing or out of date."""

    page_title = _("Translations")
    header_icon = "globe"
    template_name = "wagtailadmin/reports/base_report.html"
    results_template_name = "home/admin/translation_report_results.html"
    index_url_name = "gpe_translation_report"
    index_results_url_name = "gpe_translation_report_results"
    model = Page
    permission_required = "change"
    paginate_by = 50

    def get_queryset(self):
        pages = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        return (
            pages.filter(depth__gt=1, locale__language_code=settings.LANGUAGE_CODE)
            .only(
                "id",
                "title",
                "depth",
                "path",
                "translation_key",
                "locale_id",
                "live",
                "last_published_at",
            )
            .order_by("path")
        )

    def decorate_paginated_queryset(self, object_list):
        return translation_rows(list(object_list), self.locales)

    def get_context_data(self, **kwargs):
        self.locales = list(
            Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by("language_code")
        )
        context = super().get_context_data(**kwargs)
        context["locales"] = self.locales
        return context
