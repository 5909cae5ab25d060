"""What the site search searches: one ``Source`` per kind of content.

A source gives
- ``queryset(user)``: the rows ``user`` may find, through ``partners.access.searchable`` (the
  search purpose), trimmed to the columns a hit needs (language, date, grouping, facets);
- ``hit(obj, score)``: the light record that is ranked, grouped and counted;
- ``load(pks)``: the rows of one results page, with what their results show;
- ``result(obj, …)``: what the reader sees (type, title, URL, snippet, language, date, meta).

Search sits above the content apps, so sources live here and import them; practices and events
add one source each to ``SOURCES``. Nothing here decides visibility: every queryset starts at
``access.searchable`` and everything shown is read from rows it returned.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, QuerySet
from django.utils.functional import Promise
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from events.models import EventPage
from forum.models import Post, Topic
from home.models import AnnexPage, PolicyPage, StandardPage
from home.sanitize import plain_text
from partners import access
from partners.models import Partnership
from practices.models import PracticePage, Region

from .highlight import highlight, snippet


@dataclass
class Hit:
    """One match before it is shown: ranked, grouped with its translations or its thread,
    and counted in the facets."""

    source: str
    type: str
    pk: int
    score: float
    language: str
    date: datetime.datetime | datetime.date | None
    group: str  # hits with the same group are one result (translations, posts of a thread)
    preference: int = 0  # within a group, the lowest wins (then the best score)
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None


@dataclass
class Result:
    type_label: str
    title: str  # highlighted, safe
    url: str
    snippet: str  # highlighted, safe
    language: str
    date: datetime.datetime | datetime.date | None
    meta: list[str] = field(default_factory=list)
    source: str = ""


def _stream_text(value: Any) -> Iterable[str]:
    """Every string in a StreamField's raw data: the text readers see on the page."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("type", "id"):
                yield from _stream_text(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _stream_text(item)


def page_text(*parts: Any) -> str:
    texts = []
    for part in parts:
        if part is None:
            continue
        if hasattr(part, "raw_data"):
            texts.extend(plain_text(text) for text in _stream_text(list(part.raw_data)))
        else:
            texts.append(plain_text(str(part)))
    return " ".join(" ".join(text.split()) for text in texts if text)


class Source:
    key: str = ""
    label: str | Promise = ""
    model: type = Page
    date_field: str = ""

    # The kinds of result this source gives, {type: label}; by default one, its key.
    types: dict[str, str | Promise] = {}

    def type_labels(self) -> dict[str, str | Promise]:
        return self.types or {self.key: self.label}

    def base_queryset(self) -> QuerySet:
        return self.model._default_manager.all()

    def queryset(self, user) -> QuerySet:
        return access.searchable(self.base_queryset(), user)

    def hits_queryset(self, user) -> QuerySet:
        """The rows a hit reads: few columns, no text."""
        return self.queryset(user)

    def hit(self, obj, score: float, *, language: str) -> Hit:
        raise NotImplementedError

    def load(self, user, pks: list[int]) -> dict[int, Any]:
        """The rows of one results page, again through access (a row that changed since it
        was found is left out)."""
        raise NotImplementedError

    def result(self, obj, *, terms: list[str], request) -> Result:
        raise NotImplementedError

    # Sources with an AutocompleteField on their title are offered in the search box.
    autocompletes: bool = False

    def autocomplete_queryset(self, user) -> QuerySet:
        return self.queryset(user)

    def autocomplete_group(self, obj, *, language: str) -> tuple[str, bool]:
        """(group, preferred): suggestions of one group are one (a page's translations)."""
        return f"{self.key}:{obj.pk}", True

    def suggestion(self, obj) -> dict[str, str]:
        return {"title": obj.title, "url": obj.get_absolute_url(), "type": str(self.label)}

    # This source's own facets, {key: title} (practices: region, theme, principle, phase).
    facets: dict[str, str | Promise] = {}

    def add_facets(self, hits: list[Hit]) -> None:
        """Fill ``hit.facets`` for this source's own facets (a fixed number of queries for all
        the hits, never one per hit)."""

    def facet_value_labels(self, key: str, values: set[str], *, language: str) -> dict:
        """{value: label} for the values of facet ``key`` present in a search."""
        return {}


class PageSource(Source):
    """Wagtail pages: aliases never (their original is the result), drafts and restricted
    pages through access; translations of one page are one result, in the reader's language
    where it exists."""

    def base_queryset(self) -> QuerySet:
        return self.model._default_manager.filter(alias_of__isnull=True)

    def hits_queryset(self, user) -> QuerySet:
        return (
            self.queryset(user)
            .annotate(_language=F("locale__language_code"))
            .only("id", "translation_key", "last_published_at", "first_published_at")
        )

    def hit(self, obj, score, *, language):
        return Hit(
            source=self.key,
            type=self.key,
            pk=obj.pk,
            score=score,
            language=obj._language,
            date=obj.last_published_at or obj.first_published_at,
            group=f"page:{obj.translation_key}",
            preference=0 if obj._language == language else 1,
        )

    def load(self, user, pks):
        pages = self.queryset(user).filter(pk__in=pks).select_related("locale")
        return {page.pk: page for page in pages}

    def text(self, page) -> str:
        return page_text(getattr(page, "intro", None), getattr(page, "body", None))

    def result(self, page, *, terms, request):
        return Result(
            type_label=str(self.label),
            title=highlight(page.title, terms),
            url=page.get_url(request=request) or "",
            snippet=snippet(self.text(page), terms),
            language=page.locale.language_code,
            date=page.last_published_at or page.first_published_at,
            source=self.key,
        )

    autocompletes = True

    def autocomplete_queryset(self, user):
        return self.queryset(user).select_related("locale")

    def autocomplete_group(self, page, *, language):
        return f"page:{page.translation_key}", page.locale.language_code == language

    def suggestion(self, page):
        return {"title": page.title, "url": page.url or "", "type": str(self.label)}


class PolicySource(PageSource):
    key = "policy"
    label = _("Policy")
    model = PolicyPage

    def text(self, page):
        return page_text(page.summary, page.body)


class AnnexSource(PolicySource):
    key = "annex"
    label = _("Policy annex")
    model = AnnexPage


class StandardPageSource(PageSource):
    key = "page"
    label = pgettext_lazy("search type", "Page")
    model = StandardPage


class PracticeSource(PageSource):
    """Documented results and promising practices. Facets: region, theme, principle (by
    taxonomy translation key, named in the reader's language) and the partnership's phase
    ("Phased out" among them). The snippet comes from the fields the page shows everyone
    (never the members-only contact)."""

    key = "practice"
    label = pgettext_lazy("search type", "Practice")
    model = PracticePage
    facets = {
        "region": _("Region"),
        "theme": _("Theme"),
        "principle": _("Principle"),
        "phase": _("Phase"),
    }
    _taxonomies = {"region": "regions", "theme": "themes", "principle": "principles"}

    def hits_queryset(self, user):
        return super().hits_queryset(user).annotate(_phase=F("partnership__phase"))

    def hit(self, obj, score, *, language):
        hit = super().hit(obj, score, language=language)
        hit.facets["phase"] = (obj._phase,) if obj._phase else ()
        return hit

    def add_facets(self, hits):
        """One query per taxonomy for all the hits."""
        pks = [hit.pk for hit in hits]
        for key, attribute in self._taxonomies.items():
            through = getattr(PracticePage, attribute).through
            target = getattr(PracticePage, attribute).field.related_model._meta.model_name
            links: dict[int, set] = {}
            rows = through.objects.filter(practicepage_id__in=pks).values_list(
                "practicepage_id", f"{target}__translation_key"
            )
            for page_id, translation_key in rows:
                links.setdefault(page_id, set()).add(str(translation_key))
            for hit in hits:
                hit.facets[key] = tuple(sorted(links.get(hit.pk, ())))

    def facet_value_labels(self, key, values, *, language):
        if key == "phase":
            return {value: str(label) for value, label in Partnership.Phase.choices}
        model = getattr(PracticePage, self._taxonomies[key]).field.related_model
        chosen = model.objects.filter(translation_key__in=values).for_reader(language)
        return {str(translation_key): snippet.name for translation_key, snippet in chosen.items()}

    def load(self, user, pks):
        pages = list(
            self.queryset(user)
            .filter(pk__in=pks)
            .select_related("locale", "partnership")
            .prefetch_related("regions")
        )
        # Pages point at their original language's regions: name them in the reader's.
        keys = {region.translation_key for page in pages for region in page.regions.all()}
        named = Region.objects.filter(translation_key__in=keys).for_reader(get_language())
        for page in pages:
            page.region_names = [
                named[region.translation_key].name
                for region in page.regions.all()
                if region.translation_key in named
            ]
        return {page.pk: page for page in pages}

    def text(self, page):
        return page_text(
            page.summary,
            page.context,
            page.objectives,
            page.activities,
            page.results,
            page.lessons_learned,
        )

    def result(self, page, *, terms, request):
        result = super().result(page, terms=terms, request=request)
        result.meta = list(page.region_names)
        if page.partnership_id and page.partnership.phase:
            result.meta.append(page.partnership.get_phase_display())
        return result


class EventSource(PageSource):
    """Events: dated by when they take place (the year facet too), newest first among equals.
    The snippet comes from the summary and the body, never the joining details (for
    registered people only)."""

    key = "event"
    label = pgettext_lazy("search type", "Event")
    model = EventPage

    def hits_queryset(self, user):
        return (
            super()
            .hits_queryset(user)
            .only("id", "translation_key", "last_published_at", "first_published_at", "start")
        )

    def hit(self, obj, score, *, language):
        hit = super().hit(obj, score, language=language)
        hit.date = obj.start
        return hit

    def text(self, page):
        return page_text(page.summary, page.body)

    def result(self, page, *, terms, request):
        result = super().result(page, terms=terms, request=request)
        result.date = page.start
        return result


class ForumSource(Source):
    """Forum threads and posts, found through the posts (the first post of a thread carries
    its topic's title in the index). A thread is one result: its first post, shown as the
    topic, when it matches, else its best matching reply. The author is never read or shown:
    a pseudonymous post stays pseudonymous.

    Topic titles are offered by autocomplete (through ``access.searchable`` on topics); the
    search itself finds threads through their posts, so a thread is ranked once."""

    key = "forum"
    label = pgettext_lazy("search type", "Forum")
    types = {
        "topic": pgettext_lazy("search type", "Forum topic"),
        "post": pgettext_lazy("search type", "Forum post"),
    }
    model = Post

    def hits_queryset(self, user):
        return self.queryset(user).only("id", "topic_id", "position", "language", "created_at")

    def hit(self, obj, score, *, language):
        first = obj.position == 1
        return Hit(
            source=self.key,
            type="topic" if first else "post",
            pk=obj.pk,
            score=score,
            language=obj.language,
            date=obj.created_at,
            group=f"topic:{obj.topic_id}",
            preference=0 if first else 1,
        )

    def load(self, user, pks):
        posts = self.queryset(user).filter(pk__in=pks).select_related("topic__category")
        return {post.pk: post for post in posts}

    autocompletes = True

    def autocomplete_queryset(self, user):
        return access.searchable(Topic.objects.all(), user)

    def suggestion(self, topic):
        return {
            "title": topic.title,
            "url": topic.get_absolute_url(),
            "type": str(self.types["topic"]),
        }

    def result(self, post, *, terms, request):
        first = post.position == 1
        return Result(
            type_label=str(self.types["topic" if first else "post"]),
            title=highlight(post.topic.title, terms),
            url=post.topic.get_absolute_url() if first else post.get_absolute_url(),
            snippet=snippet(plain_text(post.html), terms),
            language=post.language,
            date=post.created_at,
            meta=[post.topic.category.display_name],
            source=self.key,
        )


SOURCES: list[Source] = [
    PolicySource(),
    AnnexSource(),
    StandardPageSource(),
    PracticeSource(),
    EventSource(),
    ForumSource(),
]


def sources() -> dict[str, Source]:
    return {source.key: source for source in SOURCES}


def types() -> dict[str, str]:
    """Every kind of result, {type: label}, in the order of SOURCES."""
    return {key: str(label) for source in SOURCES for key, label in source.type_labels().items()}
