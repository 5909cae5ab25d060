"""The site search page and the title autocomplete. Both answer only from what
``partners.access`` lets the reader find (see search.services)."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views import View

from . import autocomplete, services, stats

logger = logging.getLogger(__name__)


def _query_string(text: str, selected: dict[str, list[str]], **changes) -> str:
    pairs = [("q", text)] if text else []
    for key, values in selected.items():
        pairs.extend((key, value) for value in values)
    for key, value in changes.items():
        pairs.append((key, value))
    return urlencode(pairs)


class SearchView(View):
    template_name = "search/search_page.html"

    def get(self, request):
        text = request.GET.get("q", "").strip()[: services.query_syntax.MAX_LENGTH]
        selected = services.clean_selection(request.GET)
        language = get_language()
        try:
            outcome = services.search(
                request.user,
                text,
                selected=selected,
                page_number=request.GET.get("page"),
                per_page=services.PER_PAGE,
                language=language,
                request=request,
            )
        except services.SearchUnavailable:
            logger.exception("Site search failed")
            return render(request, "search/unavailable.html", {"query": text}, status=503)
        if text and outcome.page is not None and outcome.page.number == 1:
            stats.record(text, found=outcome.total)
        for facet in outcome.facets:
            for value in facet.values:
                toggled = {key: list(values) for key, values in selected.items()}
                chosen = toggled.setdefault(facet.key, [])
                if value.value in chosen:
                    chosen.remove(value.value)
                else:
                    chosen.append(value.value)
                value.url = "?" + _query_string(text, toggled)
        return render(
            request,
            self.template_name,
            {
                "query": text,
                "outcome": outcome,
                "page_obj": outcome.page,
                "results": outcome.results,
                "facets": outcome.facets,
                "promotions": stats.promotions(request.user, text) if text else [],
                "search_query": _query_string(text, selected),
                "clear_url": "?" + _query_string(text, {}),
                "type_names": list(services.types()),
            },
        )


class AutocompleteView(View):
    """``?q=prefix`` → ``{"results": [{"title", "url", "type"}]}``: titles the reader may
    find, for the search box (progressive enhancement; the form works without it)."""

    def get(self, request):
        prefix = request.GET.get("q", "").strip()[:100]
        try:
            results = autocomplete.titles(request.user, prefix) if len(prefix) >= 2 else []
        except services.SearchUnavailable:
            return JsonResponse({"results": [], "unavailable": True}, status=503)
        return JsonResponse({"results": results})
