"""Each source's hit list kept for the next search with the same words and the same access.

Ranking every match of a common word is most of a search's cost (PostgreSQL reads and ranks
every matching index entry: ~80 ms for 5,000 forum posts, see README.md "Speed"), and the same
search is asked again: the next page, another facet, the forum box's common words, the next
reader. What one source's search returns is a function of three things only, so it is kept
under all three:

- the **access query**: the SQL and parameters of the queryset ``partners.access.searchable``
  gave for this reader (compiled, not the reader's name: two readers share an entry only when
  the database is asked exactly the same question — a member's query names their groups and
  organisations, a visitor's names none);
- the **search**: the source, the backend, the parsed words, scored or not, the reader's
  language (it orders translations) and ``MAX_HITS``;
- the **data generation** (``home.pagecache``'s): replaced by any non-bookkeeping save,
  deletion or many-to-many change (posts, pages, memberships, groups, view restrictions), page
  publishing and moves, the forum's direct updates, and replayed index retries.

So a hit list is never read by someone whose access query differs, and never outlives a change
of what it was computed from. Facets, filters and the page shown are computed from it on every
request; the page's rows are loaded through access again (``services.show``). Entries live
``TIMEOUT`` seconds at most, compressed; at most ``MAX_KEPT_PER_MINUTE`` are stored a minute.

On where the cache is shared by every worker (``GPE_SHARED_CACHE``) unless
``GPE_SEARCH_CACHE`` says otherwise; off in the test settings (search tests count queries),
on in ``tests/search/test_hitcache.py`` and the canary.
"""

from __future__ import annotations

import hashlib
import pickle
import zlib

from django.conf import settings
from django.core.cache import cache

from home import pagecache

from .sources import Hit

TIMEOUT = 60
MAX_KEPT_PER_MINUTE = 300
_FIELDS = ("source", "type", "pk", "score", "language", "date", "group", "preference", "facets")


def enabled() -> bool:
    return settings.GPE_SEARCH_CACHE


def generation() -> str:
    return pagecache.generation()


def key(
    source, queryset, search, *, backend, scored: bool, language: str, limit: int, generation: str
) -> str:
    sql, params = queryset.query.sql_with_params()
    described = repr(
        (
            source.key,
            type(getattr(backend, "inner", backend)).__qualname__,
            repr(search),
            scored,
            language,
            limit,
            sql,
            tuple(params),
        )
    )
    digest = hashlib.blake2b(described.encode(), digest_size=20).hexdigest()
    return f"gpe:search:hits:{generation}:{digest}"


def get(entry_key: str) -> tuple[list[Hit], bool] | None:
    kept = cache.get(entry_key)
    if kept is None:
        return None
    rows, capped = pickle.loads(zlib.decompress(kept))  # noqa: S301 (our own cache entry)
    return [Hit(**dict(zip(_FIELDS, row, strict=True))) for row in rows], capped


def put(entry_key: str, hits: list[Hit], capped: bool) -> None:
    if not pagecache.GENERATION.allows("search", MAX_KEPT_PER_MINUTE):
        return
    rows = [tuple(getattr(hit, name) for name in _FIELDS) for hit in hits]
    cache.set(entry_key, zlib.compress(pickle.dumps((rows, capped)), 1), timeout=TIMEOUT)
