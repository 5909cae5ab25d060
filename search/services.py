"""One search across every source: rank, group, facet, paginate, show.

Order of work, so that nothing the reader may not see is ever counted:
1. each source's queryset comes from ``partners.access.searchable`` (the search purpose);
2. Wagtail's backend searches each of those querysets (one query each) and scores the hits;
3. translations of one page and the posts of one thread become one hit (see ``_group``);
4. the box's filters (``type:``, ``lang:``, ``before:``, ``after:``) narrow the hits;
5. facets are counted over those hits, each leaving out its own selection (disjunctive);
6. the hits of the page shown are loaded (one query per source on the page) and highlighted.

Ranking: Wagtail's backends score per model, and the database backends (one index table) and
Elasticsearch (one scoring formula) give comparable scores across models, so hits are merged by
score (SQLite's BM25 is negative, lower better: it is turned round). Content in the reader's
language comes first, then other languages, each by score, then newest. Without search words
(filters only) hits are listed newest first.

Each source contributes at most ``MAX_HITS`` of its best hits to ranking and counting; a count
that reaches it is shown as "at least".
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.utils.translation import gettext_lazy as _
from modelsearch.query import MatchAll
from wagtail.search.backends import get_search_backend

from . import hitcache
from . import query as query_syntax
from .sources import Hit, Result, sources, types

MAX_HITS = 1000
PER_PAGE = 20
BASE_FACETS = {"type": _("Type"), "lang": _("Language")}
YEAR_FACET = {"year": _("Year")}
_FACET_VALUE = re.compile(r"[\w-]{1,40}")


def facet_titles() -> dict:
    """{facet key: title} in display order: type, language, the sources' own, year."""
    titles = dict(BASE_FACETS)
    for source in sources().values():
        titles.update(source.facets)
    titles.update(YEAR_FACET)
    return titles


class SearchUnavailable(Exception):
    """The search backend failed: the page says search is unavailable (503)."""


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    key: str
    label: str
    values: list[FacetValue]


@dataclass
class SearchOutcome:
    text: str
    parsed: query_syntax.ParsedQuery
    hits: list[Hit]
    total: int
    capped: bool
    page: Page | None
    results: list[Result]
    facets: list[Facet]
    selected: dict[str, list[str]] = field(default_factory=dict)


def language_names() -> dict[str, str]:
    from django.utils.translation import get_language_info

    return {code: get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES}


def parse(text: str) -> query_syntax.ParsedQuery:
    return query_syntax.parse(
        text, type_names=tuple(types()), language_codes=tuple(language_names())
    )


def clean_selection(params) -> dict[str, list[str]]:
    """The facet values chosen in the URL (``?type=post&type=policy&lang=fr&year=2024``), kept
    to values that can exist."""
    known = {"type": set(types()), "lang": set(language_names())}
    selected = {}
    for key in facet_titles():
        values = []
        for value in params.getlist(key)[:20]:
            value = value.strip()
            if key == "year" and not (value.isdigit() and len(value) == 4):
                continue
            if key in known and value not in known[key]:
                continue
            if not _FACET_VALUE.fullmatch(value):
                continue
            if value not in values:
                values.append(value)
        if values:
            selected[key] = values
    return selected


def _direction(backend, rows) -> int:
    """1 when a higher score is better, -1 when lower is. The backend returns rows best
    first, so their scores say which way they run; SQLite FTS5 (bm25) runs low to high,
    PostgreSQL and Elasticsearch high to low."""
    scores = [row._score for row in rows if getattr(row, "_score", None) is not None]
    if len(scores) >= 2 and scores[0] != scores[-1]:
        return 1 if scores[0] > scores[-1] else -1
    return -1 if "SQLite" in type(getattr(backend, "inner", backend)).__name__ else 1


def collect_hits(user, parsed: query_syntax.ParsedQuery, *, language: str) -> tuple[list, bool]:
    """Every source's hits for ``parsed`` that ``user`` may find, grouped. Raises
    SearchUnavailable when the backend fails."""
    backend = get_search_backend()
    search_query = parsed.search_query()
    scored = not isinstance(search_query, MatchAll)
    wanted = [
        source
        for source in sources().values()
        if not parsed.types or set(parsed.types) & set(source.type_labels())
    ]
    hits, capped = [], False
    generation = hitcache.generation() if hitcache.enabled() else None
    for source in wanted:
        queryset = source.hits_queryset(user)
        entry = None
        if generation is not None:
            entry = hitcache.key(
                source,
                queryset,
                search_query,
                backend=backend,
                scored=scored,
                language=language,
                limit=MAX_HITS,
                generation=generation,
            )
            kept = hitcache.get(entry)
            if kept is not None:
                hits.extend(kept[0])
                capped = capped or kept[1]
                continue
        source_hits, source_capped = _source_hits(
            backend, source, queryset, search_query, scored=scored, language=language
        )
        if entry is not None:
            hitcache.put(entry, source_hits, source_capped)
        hits.extend(source_hits)
        capped = capped or source_capped
    return _group(hits), capped


def _source_hits(backend, source, queryset, search_query, *, scored, language):
    """One backend search of one source: (its hits with their facets, whether capped)."""
    try:
        if scored:
            found = backend.search(search_query, queryset).annotate_score("_score")
        else:
            found = backend.search(search_query, queryset, order_by_relevance=False)
        rows = list(found[:MAX_HITS])
    except Exception as error:
        raise SearchUnavailable from error
    direction = _direction(backend, rows)
    source_hits = [
        source.hit(row, (getattr(row, "_score", None) or 0.0) * direction, language=language)
        for row in rows
    ]
    if source_hits:
        source.add_facets(source_hits)
    return source_hits, len(rows) >= MAX_HITS


def _group(hits: list[Hit]) -> list[Hit]:
    """One hit per group: the translation in the reader's language (else the best scored),
    the topic of a thread (else its best post)."""
    best: dict[str, Hit] = {}
    for hit in hits:
        kept = best.get(hit.group)
        if kept is None or (hit.preference, -hit.score) < (kept.preference, -kept.score):
            best[hit.group] = hit
    return list(best.values())


def facet_values(hit: Hit) -> dict[str, tuple[str, ...]]:
    values = {
        "type": (hit.type,),
        "lang": (hit.language,) if hit.language else (),
        "year": (str(hit.year),) if hit.year else (),
    }
    values.update(hit.facets)
    return values


def _failing(values: dict[str, tuple[str, ...]], selected: dict[str, list[str]]) -> set[str]:
    """The chosen facets a hit with ``values`` does not match (OR within a facet)."""
    return {
        key
        for key, chosen in selected.items()
        if chosen and not any(value in values.get(key, ()) for value in chosen)
    }


def _facet_labels(key: str, values: set[str], language: str) -> dict[str, str]:
    if key == "type":
        return types()
    if key == "lang":
        return language_names()
    labels = {}
    for source in sources().values():
        if key in source.facets:
            labels.update(source.facet_value_labels(key, values, language=language))
    return labels


def facets(hits: list[Hit], selected: dict[str, list[str]], *, language: str) -> list[Facet]:
    """Disjunctive facets: each counts the hits that pass every *other* facet's selection
    (OR within a facet, AND across), and a chosen value stays listed even at 0."""
    all_values = [facet_values(hit) for hit in hits]
    # A facet's counts take the hits that fail no other facet's selection.
    failing = [_failing(values, selected) for values in all_values]
    result = []
    for key, title in facet_titles().items():
        counts = Counter(
            value
            for values, failed in zip(all_values, failing, strict=True)
            if not failed - {key}
            for value in set(values.get(key, ()))
        )
        chosen = selected.get(key, [])
        for value in chosen:
            counts.setdefault(value, 0)
        if not counts:
            continue
        labels = _facet_labels(key, set(counts), language)
        if key == "year":
            ordered = sorted(counts, reverse=True)
        else:
            ordered = sorted(counts, key=lambda value: (-counts[value], value))
        values = [
            FacetValue(
                value=value,
                label=labels.get(value, value),
                count=counts[value],
                selected=value in chosen,
            )
            for value in ordered
        ]
        result.append(Facet(key=key, label=str(title), values=values))
    return result


def _rank(hits: list[Hit], *, language: str, scored: bool) -> list[Hit]:
    def date_key(hit):
        date = hit.date
        if date is None:
            return 0.0
        if isinstance(date, datetime.datetime):
            return date.timestamp()
        return datetime.datetime.combine(date, datetime.time(), tzinfo=datetime.UTC).timestamp()

    if scored:
        return sorted(hits, key=lambda hit: (hit.language != language, -hit.score, -date_key(hit)))
    return sorted(hits, key=lambda hit: -date_key(hit))


def search(
    user,
    text: str,
    *,
    selected: dict[str, list[str]] | None = None,
    page_number=1,
    language: str,
    request=None,
    per_page: int = PER_PAGE,
) -> SearchOutcome:
    selected = selected or {}
    parsed = parse(text)
    if not parsed.groups and not parsed.has_filters and not selected:
        return SearchOutcome(text, parsed, [], 0, False, None, [], [], selected)
    hits, capped = collect_hits(user, parsed, language=language)
    hits = [
        hit
        for hit in hits
        if (not parsed.types or hit.type in parsed.types)
        and (not parsed.languages or hit.language in parsed.languages)
        and parsed.year_allowed(hit.year)
    ]
    facet_list = facets(hits, selected, language=language)
    shown = [hit for hit in hits if not _failing(facet_values(hit), selected)]
    ranked = _rank(shown, language=language, scored=bool(parsed.groups))
    page = Paginator(ranked, per_page).get_page(page_number)
    results = show(user, list(page.object_list), parsed, request=request)
    return SearchOutcome(
        text=text,
        parsed=parsed,
        hits=hits,
        total=len(ranked),
        capped=capped,
        page=page,
        results=results,
        facets=facet_list,
        selected=selected,
    )


def show(user, hits: list[Hit], parsed: query_syntax.ParsedQuery, *, request=None) -> list[Result]:
    """The results of one page, in the hits' order: one query per source present."""
    by_source: dict[str, list[int]] = {}
    for hit in hits:
        by_source.setdefault(hit.source, []).append(hit.pk)
    loaded = {key: sources()[key].load(user, pks) for key, pks in by_source.items()}
    terms = parsed.highlight_terms()
    results = []
    for hit in hits:
        obj = loaded[hit.source].get(hit.pk)
        if obj is not None:
            results.append(sources()[hit.source].result(obj, terms=terms, request=request))
    return results
