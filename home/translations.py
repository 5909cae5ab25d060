"""Pages missing in the reader's language: say so, and offer the languages they exist in.

A menu item, a language-switcher link or a home-page link to a page that has no translation
in the reader's language points at ``not_translated_url(page)``: a short page that says "Not
yet available in Spanish" and links to each translation the reader may see (with its ``lang``
and ``hreflang``). Nothing here bypasses ``partners.access``: a reader who may see no
translation gets a 404, as for the page itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, get_language_info, gettext_lazy
from wagtail.models import Page

from partners import access


@dataclass(frozen=True)
class Available:
    """One translation a reader may read instead: its language and address."""

    language_code: str
    url: str
    title: str

    @property
    def language_name(self) -> str:
        """In its own language, as the language switcher names it."""
        return get_language_info(self.language_code)["name_local"]


# Whole sentences, so that each language words its own ("en français", "باللغة العربية").
NOT_YET_AVAILABLE = {
    "en": gettext_lazy("Not yet available in English"),
    "fr": gettext_lazy("Not yet available in French"),
    "es": gettext_lazy("Not yet available in Spanish"),
    "ar": gettext_lazy("Not yet available in Arabic"),
}
IN_LANGUAGE = {
    "en": gettext_lazy("in English"),
    "fr": gettext_lazy("in French"),
    "es": gettext_lazy("in Spanish"),
    "ar": gettext_lazy("in Arabic"),
}


def not_yet_available() -> str:
    """ "Not yet available in <the reader's language>"."""
    return str(NOT_YET_AVAILABLE.get(get_language(), NOT_YET_AVAILABLE["en"]))


def not_translated_url(page: Page, language_code: str | None = None) -> str:
    """The "not yet available in <language>" page for ``page``, in ``language_code``."""
    with translation.override(language_code or get_language()):
        return reverse("not_translated", args=(page.pk,))


def language_order(language_code: str) -> int:
    codes = [code for code, _name in settings.LANGUAGES]
    return codes.index(language_code) if language_code in codes else len(codes)


def available_translations(request, pages) -> list[Available]:
    """``pages`` (translations of one page, locales loaded) as links, in the order of
    settings.LANGUAGES; the caller has already filtered them through ``partners.access``."""
    ordered = sorted(pages, key=lambda page: language_order(page.locale.language_code))
    return [
        Available(page.locale.language_code, page.get_url(request), page.title) for page in ordered
    ]


def not_translated(request, page_id: int):
    """The page ``page_id`` in the active language if it exists, else what there is."""
    page = Page.objects.filter(pk=page_id).only("translation_key", "content_type").first()
    model = page.specific_class if page is not None else None
    if model is None:
        raise Http404
    # The page type's own rule (a practice or an event may add states to Page's rule).
    translations = access.visible(
        model.objects.live().filter(translation_key=page.translation_key).select_related("locale"),
        request.user,
        purpose=access.READ,
    )
    translations = list(translations.defer_streamfields())
    if not translations:
        raise Http404
    language = get_language()
    for candidate in translations:
        if candidate.locale.language_code == language:
            return redirect(candidate.get_url(request))
    available = available_translations(request, translations)
    return TemplateResponse(
        request,
        "home/not_translated.html",
        {
            "title": available[0].title,
            "available": available,
        },
    )


def url_in_reader_language(request, page: Page) -> str:
    """``page``'s address if it is in the reader's language, else its "not yet available"
    page (for a section's index found in another language: the menu keeps its item)."""
    if page.locale.language_code == get_language():
        return page.get_url(request)
    return not_translated_url(page)


def other_language(page: Page) -> str:
    """``page``'s language code when it is not the reader's (for ``lang`` on a link and a
    "(English)" mark), else ""."""
    code = page.locale.language_code
    return "" if code == get_language() else code
