"""The editors' query report (counts per normalised query) and Wagtail's search promotions."""

from __future__ import annotations

import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Q
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from partners import access

from .models import QueryStat

logger = logging.getLogger(__name__)


def normalise(text: str) -> str:
    return normalise_query_string(text)[:200]


def record(text: str, *, found: int) -> None:
    """Count one search for ``text`` (one UPDATE once the query is known); never breaks the
    search."""
    query = normalise(text)
    if not query:
        return
    counts = {
        "searches": F("searches") + 1,
        "without_results": F("without_results") + (0 if found else 1),
    }
    try:
        if QueryStat.objects.filter(query=query).update(**counts):
            return
        with transaction.atomic():
            QueryStat.objects.create(query=query, searches=1, without_results=0 if found else 1)
    except IntegrityError:
        # Another request created it in between.
        QueryStat.objects.filter(query=query).update(**counts)
    except DatabaseError:
        logger.exception("Could not count a search query")


def promotions(user, text: str) -> list[SearchPromotion]:
    """The editors' promoted results for ``text``: external links, and pages the reader may
    find (a promotion never shows a restricted or unpublished page)."""
    query = normalise(text)
    if not query:
        return []
    findable = access.visible(Page.objects.all(), user, purpose=access.SEARCH)
    return list(
        SearchPromotion.objects.filter(query__query_string=query)
        .filter(Q(page__isnull=True) | Q(page__in=findable.values("pk")))
        .select_related("page")
        .order_by("sort_order")
    )
