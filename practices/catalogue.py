"""The catalogue's one query object: the page, the exports, the histogram, the map and the
matrix all read the same ``Catalogue`` built from the request's GET parameters and its user.

How it counts (the faults of other collections it must not repeat):

- Only what the reader may see: the practices come through ``access.visible(..., READ)`` and
  search through ``access.searchable``; nothing else is counted, listed, mapped or exported.
- A practice is listed once: its language versions form one entry, shown in the reader's
  language where a visible translation exists (else in its original language, with the others
  named as "available in").
- Taxonomy values are compared by ``translation_key``, so a theme counts the same in every
  language (wagtail-localize leaves translated pages pointing at the original snippets).
- Within a facet values combine with OR, across facets with AND; each facet's counts apply
  every other active filter but not its own (disjunctive counts), and chosen values stay
  listed, with 0 where nothing matches.

The facet values of every visible practice are loaded in a fixed number of queries (the pages'
columns, one per many-to-many taxonomy) and combined in Python, so the page, the map and the
matrix cost the same for 50 practices or 5,000.
"""

from __future__ import annotations

import datetime
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from partners import access
from partners.models import Partnership

from .models import PracticeIndexPage, PracticePage, Principle, Region, Theme

PER_PAGE = 20
MAX_QUERY_LENGTH = 200
SORTS = {
    "newest": _("Newest"),
    "oldest": _("Oldest"),
    "title": _("Title"),
}
TAXONOMIES = {"theme": Theme, "principle": Principle, "region": Region}
M2M_FIELDS = {"theme": "themes", "principle": "principles", "region": "regions"}


@dataclass(frozen=True)
class Facet:
    name: str
    label: str


FACETS = (
    Facet("theme", _("Theme")),
    Facet("principle", _("Principle")),
    Facet("region", _("Region")),
    Facet("country", _("Country")),
    Facet("modality", _("Modality")),
    Facet("phase", _("Phase")),
    Facet("year", _("Year")),
    Facet("evidence", _("Evidence level")),
    Facet("language", _("Language")),
)
FACET_NAMES = tuple(facet.name for facet in FACETS)


@dataclass
class Entry:
    """One practice as the catalogue lists it: its language versions grouped."""

    translation_key: uuid.UUID
    versions: dict[str, int] = field(default_factory=dict)  # language code -> page pk
    rows: dict[int, dict] = field(default_factory=dict)  # page pk -> its columns
    shown_pk: int = 0
    values: dict[str, frozenset] = field(default_factory=dict)
    page: PracticePage | None = None

    @property
    def row(self) -> dict:
        return self.rows[self.shown_pk]

    @property
    def language(self) -> str:
        return self.row["language"]

    @property
    def other_languages(self) -> list[str]:
        return [code for code in self.versions if code != self.language]

    @property
    def other_language_names(self) -> list[str]:
        return [language_name(code) for code in _in_site_order(self.other_languages)]


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool
    url: str


def language_name(code: str) -> str:
    return get_language_info(code)["name_translated"]


def _in_site_order(codes: Iterable[str]) -> list[str]:
    order = [code for code, _name in settings.LANGUAGES]
    return sorted(codes, key=lambda code: order.index(code) if code in order else len(order))


class Catalogue:
    """The practices under ``index`` (and its translations) that ``user`` may see, filtered
    by ``params`` (a QueryDict: the facets, ``q``, ``sort``, ``page``)."""

    def __init__(
        self,
        index: PracticeIndexPage,
        params,
        user,
        *,
        language: str | None = None,
        purpose: access.Purpose = access.READ,
        request=None,
    ):
        self.index = index
        self.request = request
        self.user = user
        self.purpose = purpose
        self.language = language or get_language() or settings.LANGUAGE_CODE
        self.query = (params.get("q") or "").strip()[:MAX_QUERY_LENGTH]
        self.sort = params.get("sort") if params.get("sort") in SORTS else "newest"
        self.page_number = params.get("page") or 1
        self.selected: dict[str, list[str]] = {}
        for name in FACET_NAMES:
            chosen = []
            for value in params.getlist(name)[:50]:
                value = value.strip()[:80]
                if value and value not in chosen:
                    chosen.append(value)
            if chosen:
                self.selected[name] = chosen

    # --- Parameters and links ---------------------------------------------------------------

    def params(self, **changes) -> list[tuple[str, str]]:
        """The current filters as (name, value) pairs, with ``changes`` applied."""
        state = {name: list(values) for name, values in self.selected.items()}
        pairs = []
        query = changes.pop("q", self.query)
        sort = changes.pop("sort", self.sort)
        state.update(changes)
        if query:
            pairs.append(("q", query))
        for name in FACET_NAMES:
            pairs.extend((name, value) for value in state.get(name, []))
        if sort != "newest":
            pairs.append(("sort", sort))
        return pairs

    def querystring(self, **changes) -> str:
        pairs = self.params(**changes)
        return "?" + urlencode(pairs) if pairs else ""

    def page_url(self, number: int) -> str:
        pairs = [*self.params(), ("page", str(number))] if number > 1 else self.params()
        return "?" + urlencode(pairs) if pairs else "?"

    def toggle_url(self, name: str, value: str) -> str:
        values = list(self.selected.get(name, []))
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        return self.querystring(**{name: values})

    @property
    def is_filtered(self) -> bool:
        return bool(self.selected or self.query)

    # --- Loading --------------------------------------------------------------------------

    def _base(self):
        """The visible live practices under the index and its translations."""
        return access.visible(self._under(), self.user, purpose=self.purpose)

    @cached_property
    def _visible(self):
        return self._base()

    def _under(self):
        """The live practices under the index and its translations, before access."""
        if self.request is not None:  # kept with the page-tree chrome: no query once warm
            from home import chrome

            paths = [page.path for page in chrome.translations(self.request, self.index)]
        else:
            paths = list(self.index.get_translations(inclusive=True).values_list("path", flat=True))
        under = Q(pk__in=[])
        for path in paths:
            under |= Q(path__startswith=path, depth=self.index.depth + 1)
        return PracticePage.objects.live().filter(under)

    @cached_property
    def entries(self) -> list[Entry]:
        """Every visible practice, grouped by language versions, with its facet values.
        Queries: the pages the reader may see (1), and, unless kept (below), the pages'
        columns and one per taxonomy (3)."""
        if self.request is None:
            return self._group(self._load_facet_rows(self._visible))
        visible = set(self._visible.values_list("pk", flat=True))
        rows = self._facet_rows()
        return self._group({pk: row for pk, row in rows.items() if pk in visible})

    def _facet_rows(self) -> dict[int, dict]:
        """The facet values of *every* live practice, whoever reads: kept in the worker with
        the page-tree chrome (``home.chrome``: a new generation on any page published,
        unpublished, moved, saved or deleted, and on a partnership's change, see
        ``practices.signals``), so a warm catalogue builds no rows. Nothing here is shown:
        ``entries`` keeps only the rows of the pages ``partners.access`` lets this reader
        see, on every request (like the chrome, the kept structure is unfiltered and the same
        for everyone; no reader's view is stored)."""
        from home import chrome

        return chrome._kept(
            self.request,
            ("practices:facet-rows", self.index.pk),
            lambda: self._load_facet_rows(self._under()),
        )

    @staticmethod
    def _load_facet_rows(practices) -> dict[int, dict]:
        """Queries: the pages' columns, one per taxonomy (3)."""
        columns = practices.values_list(
            "pk",
            "translation_key",
            "locale__language_code",
            "title",
            "first_published_at",
            "period_start",
            "period_end",
            "evidence_level",
            "partnership__modality",
            "partnership__phase",
            "countries",
        )
        rows: dict[int, dict] = {}
        for (pk, key, language, title, published, start, end, evidence, modality, phase,
             country_codes) in columns:  # fmt: skip
            first, last = start or end, end or start
            rows[pk] = {
                "key": key,
                "language": language,
                "title": title,
                "published": published,
                "start": start,
                "end": end,
                "year": frozenset(str(y) for y in range(first, last + 1)) if first else frozenset(),
                "evidence": frozenset([evidence]) if evidence else frozenset(),
                "modality": frozenset([modality]) if modality else frozenset(),
                "phase": frozenset([phase]) if phase else frozenset(),
                "country": frozenset(c for c in (country_codes or "").split(",") if c),
            }
        for name, attribute in M2M_FIELDS.items():
            through = getattr(PracticePage, attribute).through
            model_field = TAXONOMIES[name]._meta.model_name
            links: dict[int, set] = {}
            for page_id, key in through.objects.filter(
                practicepage__in=practices.values("pk")
            ).values_list("practicepage_id", f"{model_field}__translation_key"):
                links.setdefault(page_id, set()).add(str(key))
            for pk, row in rows.items():
                row[name] = frozenset(links.get(pk, ()))
        return rows

    def _group(self, rows: dict[int, dict]) -> list[Entry]:
        groups: dict = {}
        for pk in sorted(rows):
            row = rows[pk]
            entry = groups.setdefault(row["key"], Entry(translation_key=row["key"]))
            entry.rows[pk] = row
            entry.versions.setdefault(row["language"], pk)
        wanted = [self.language, *self.selected.get("language", [])]
        for entry in groups.values():
            # The reader's language, else a chosen language, else the original (first made).
            entry.shown_pk = next(
                (entry.versions[code] for code in wanted if code in entry.versions),
                min(entry.rows),
            )
            values = {name: entry.row[name] for name in FACET_NAMES if name != "language"}
            values["language"] = frozenset(entry.versions)
            entry.values = values
        return list(groups.values())

    @cached_property
    def _search_hits(self) -> set[int] | None:
        """The pages matching ``q`` (any language version), through Wagtail's search."""
        if not self.query:
            return None
        searchable = access.searchable(PracticePage.objects.live(), self.user)
        results = searchable.search(self.query, fields=None)
        return {page.pk for page in results}

    def _matches(self, entry: Entry, *, ignore: Iterable[str] = ()) -> bool:
        hits = self._search_hits
        if hits is not None and not (hits & set(entry.rows)):
            return False
        for name, chosen in self._chosen_sets.items():
            if name in ignore:
                continue
            if not entry.values[name] & chosen:
                return False
        return True

    @cached_property
    def _chosen_sets(self) -> dict[str, frozenset]:
        return {name: frozenset(self.chosen_values(name)) for name in self.selected}

    # --- Results ----------------------------------------------------------------------------

    @cached_property
    def results(self) -> list[Entry]:
        found = [entry for entry in self.entries if self._matches(entry)]
        if self.sort == "title":
            found.sort(key=lambda entry: entry.row["title"].casefold())
        else:
            epoch = datetime.datetime.min.replace(tzinfo=datetime.UTC)
            found.sort(
                key=lambda entry: (entry.row["published"] or epoch, entry.shown_pk),
                reverse=self.sort == "newest",
            )
        return found

    @property
    def count(self) -> int:
        return len(self.results)

    @cached_property
    def paginator(self) -> Paginator:
        return Paginator(self.results, PER_PAGE)

    @cached_property
    def page(self):
        """The current page of entries, each with its PracticePage loaded (one query, with
        the partnership and its translated texts and groups prefetched: three)."""
        page = self.paginator.get_page(self.page_number)
        self.attach_pages(page.object_list)
        return page

    def attach_pages(self, entries: list[Entry]) -> list[Entry]:
        pks = [entry.shown_pk for entry in entries]
        pages = (
            PracticePage.objects.filter(pk__in=pks)
            .select_related("locale", "partnership")
            .prefetch_related("partnership__texts", "partnership__groups")
            .in_bulk()
        )
        for entry in entries:
            entry.page = pages.get(entry.shown_pk)
        return entries

    def all_results_with_pages(self) -> list[Entry]:
        return self.attach_pages(self.results)

    # --- Facets -----------------------------------------------------------------------------

    def counts(self, name: str) -> Counter:
        """How many entries have each value of facet ``name`` under every other filter."""
        counter: Counter = Counter()
        for entry in self.entries:
            if self._matches(entry, ignore=(name,)):
                counter.update(entry.values[name])
        return counter

    @cached_property
    def taxonomies(self) -> dict[str, dict]:
        """{facet: {translation_key (str): snippet in the reader's language}}: 3 queries."""
        return {
            name: {
                str(key): snippet
                for key, snippet in model.objects.for_reader(self.language).items()
            }
            for name, model in TAXONOMIES.items()
        }

    @cached_property
    def slugs(self) -> dict[str, dict[str, str]]:
        """{facet: {slug: translation_key}}: addresses carry slugs, the same in every language."""
        return {
            name: {snippet.slug: key for key, snippet in values.items()}
            for name, values in self.taxonomies.items()
        }

    def _labels(self, name: str, present: Iterable[str]) -> dict[str, str]:
        """{value: label} in display order for facet ``name``."""
        if name in TAXONOMIES:
            return {key: snippet.name for key, snippet in self.taxonomies[name].items()}
        if name == "modality":
            return dict(Partnership.Modality.choices)
        if name == "phase":
            return dict(Partnership.Phase.choices)
        if name == "evidence":
            return dict(PracticePage.EvidenceLevel.choices)
        if name == "language":
            return {code: language_name(code) for code, _name in settings.LANGUAGES}
        if name == "country":
            known = [code for code in present if code in countries]
            return dict(
                sorted(((code, countries.name(code)) for code in known), key=lambda i: i[1])
            )
        if name == "year":
            return {
                year: year for year in sorted((y for y in present if y.isdigit()), reverse=True)
            }
        return {}

    def facet_options(self, name: str) -> list[Option]:
        counts = self.counts(name)
        chosen = self.chosen_values(name)
        labels = self._labels(name, set(counts) | set(chosen))
        options = []
        for value, label in labels.items():
            count = counts.get(value, 0)
            selected = value in chosen
            if not count and not selected:
                continue
            url_value = self.url_value(name, value)
            options.append(
                Option(value, str(label), count, selected, self.toggle_url(name, url_value))
            )
        return options

    def url_value(self, name: str, value: str) -> str:
        """A facet value as its address shows it (a taxonomy's slug)."""
        if name in TAXONOMIES:
            return self.taxonomies[name][value].slug
        return value

    def chosen_values(self, name: str) -> list[str]:
        """The chosen values of facet ``name`` as the entries hold them (taxonomies: keys)."""
        chosen = self.selected.get(name, [])
        if name in TAXONOMIES:
            return [self.slugs[name][slug] for slug in chosen if slug in self.slugs[name]]
        return chosen

    def facets(self) -> list[dict]:
        return [
            {"name": facet.name, "label": facet.label, "options": self.facet_options(facet.name)}
            for facet in FACETS
        ]

    def active_filters(self) -> list[dict]:
        """The chosen values, each with a link that removes it."""
        active = []
        for facet in FACETS:
            labels = None
            for value in self.selected.get(facet.name, []):
                if labels is None:
                    labels = self._labels(facet.name, self.selected.get(facet.name, []))
                key = self.slugs[facet.name].get(value) if facet.name in TAXONOMIES else value
                label = labels.get(key, value) if key else value
                active.append(
                    {
                        "facet": facet.label,
                        "label": str(label),
                        "url": self.toggle_url(facet.name, value),
                    }
                )
        return active

    # --- Pictures ---------------------------------------------------------------------------

    def histogram(self) -> list[dict]:
        """Practices per year (the year facet's counts), every year between the first and the
        last, each bar a link that toggles the year."""
        counts = self.counts("year")
        chosen = set(self.selected.get("year", []))
        years = sorted(int(year) for year in set(counts) | chosen if year.isdigit())
        if not years:
            return []
        top = max(counts.values(), default=0) or 1
        return [
            {
                "year": year,
                "count": counts.get(str(year), 0),
                # Bar heights in tenths: classes, not inline styles (the CSP allows none).
                "step": round(10 * counts.get(str(year), 0) / top),
                "selected": str(year) in chosen,
                "url": self.toggle_url("year", str(year)),
            }
            for year in range(years[0], years[-1] + 1)
        ]

    def country_counts(self) -> dict[str, int]:
        """The country facet's counts (every filter but the country one)."""
        return {code: n for code, n in self.counts("country").items() if code in countries}

    def matrix(self) -> dict:
        """Principles × themes: how many entries touch each pair under every filter except
        theme and principle, each cell a link to exactly that pair (with the other filters)."""
        themes = self.taxonomies["theme"]
        principles = self.taxonomies["principle"]
        cells: Counter = Counter()
        for entry in self.entries:
            if not self._matches(entry, ignore=("theme", "principle")):
                continue
            for principle in entry.values["principle"]:
                for theme in entry.values["theme"]:
                    cells[(principle, theme)] += 1
        rows = []
        for principle_key, principle in principles.items():
            row = []
            for theme_key, theme in themes.items():
                row.append(
                    {
                        "count": cells.get((principle_key, theme_key), 0),
                        "url": self.querystring(theme=[theme.slug], principle=[principle.slug]),
                        "theme": theme.name,
                    }
                )
            rows.append({"principle": principle.name, "cells": row})
        return {"themes": [theme.name for theme in themes.values()], "rows": rows}
