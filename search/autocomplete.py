"""Title suggestions for the search box, through Wagtail's autocomplete on the same
access-limited querysets as the search itself."""

from __future__ import annotations

from django.utils.translation import get_language
from wagtail.search.backends import get_search_backend

from .services import SearchUnavailable
from .sources import sources

LIMIT = 8


def titles(user, prefix: str, *, limit: int = LIMIT) -> list[dict[str, str]]:
    backend = get_search_backend()
    language = get_language()
    found = []
    for source in sources().values():
        if not source.autocompletes:
            continue
        try:
            rows = list(backend.autocomplete(prefix, source.autocomplete_queryset(user))[:limit])
        except Exception as error:
            raise SearchUnavailable from error
        found.extend((source, row) for row in rows)
    results, groups = [], {}
    for source, row in found:
        group, preferred = source.autocomplete_group(row, language=language)
        if group in groups:
            # Translations of one page: keep the reader's language.
            index = groups[group]
            if preferred:
                results[index] = source.suggestion(row)
            continue
        groups[group] = len(results)
        results.append(source.suggestion(row))
    return results[:limit]
