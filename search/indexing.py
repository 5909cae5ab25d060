"""Index updates that cannot go stale and cannot break saving.

``ResilientSearchBackend`` wraps the configured Wagtail search backend (settings:
``{"BACKEND": "search.backends", "INNER": "wagtail.search.backends.database"}``). Every index
update on the site reaches it, whichever path sent it: Wagtail's page signals (through its
``insert_or_update_object`` task), ``forum.search_index``, ``manage.py update_index``. It

- removes an object that may no longer be found by anyone instead of updating it (a hidden or
  deleted post or topic: its model's state rule in ``partners.access``), where Wagtail would
  leave the stale entry. Pages stay indexed whatever their state: Wagtail's admin searches
  drafts and restricted pages through the same index, and the site search filters them out
  through ``access.searchable`` (restricted pages are found by their own audience);
- runs each update in a savepoint and, when the backend raises, records the update in
  ``IndexRetry`` (one row per object, the latest action wins) and schedules
  ``tasks.retry_index_updates`` with backoff, so the save goes through;
- leaves searching to the inner backend, with Arabic marks stripped from the query first
  (``search.text``; the database backends strip them from indexed text too, Elasticsearch's
  Arabic analyser does): a failing search raises, and the search page answers 503.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from partners import access

from .text import normalise_query

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=6)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes, at most six hours."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def is_indexable(obj) -> bool:
    """May anyone find ``obj`` through search? Pages: always kept (see the module's notes).
    Other registered models: in their shown state, and their parents too (a post of a
    hidden topic is not)."""
    from wagtail.models import Page

    if isinstance(obj, Page):
        return True
    try:
        rule = access.rule_for(type(obj))
    except TypeError:
        return True
    if not access.is_shown(obj):
        return False
    for relation, _optional, _rule in rule.parents():
        parent = getattr(obj, relation)
        if parent is not None and not is_indexable(parent):
            return False
    return True


def record_failure(obj, action: str, error: Exception) -> None:
    from .models import IndexRetry
    from .tasks import schedule_retry

    meta = obj._meta
    try:
        with transaction.atomic():
            retry, created = IndexRetry.objects.get_or_create(
                app_label=meta.app_label,
                model_name=meta.model_name,
                object_id=str(obj.pk),
                defaults={"action": action},
            )
            retry.action = action
            retry.last_error = f"{type(error).__name__}: {error}"[:500]
            if created:
                retry.next_attempt_at = timezone.now() + backoff(1)
            retry.save(update_fields=["action", "last_error", "next_attempt_at"])
        schedule_retry(retry.next_attempt_at)
    except Exception:
        logger.exception("Could not queue a search index retry for %r", obj)


class ResilientSearchBackend:
    catch_indexing_errors = True

    def __init__(self, params):
        from modelsearch.backends import import_backend

        params = dict(params)
        inner = params.pop("INNER", "search.database")
        self.inner = import_backend(inner)(params)

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def search(self, query, model_or_queryset, *args, **kwargs):
        return self.inner.search(normalise_query(query), model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        return self.inner.autocomplete(normalise_query(query), model_or_queryset, *args, **kwargs)

    def _apply(self, obj, action: str, call) -> bool:
        try:
            with transaction.atomic():
                call()
        except Exception as error:
            logger.exception("Search index %s failed for %r; queued for retry", action, obj)
            record_failure(obj, action, error)
            return False
        return True

    def add(self, obj):
        if is_indexable(obj):
            return self._apply(obj, "update", lambda: self.inner.add(obj))
        return self._apply(obj, "remove", lambda: self.inner.delete(obj))

    def add_bulk(self, model, obj_list):
        keep = [obj for obj in obj_list if is_indexable(obj)]
        for obj in obj_list:
            if not is_indexable(obj):
                self.delete(obj)
        if keep:
            try:
                with transaction.atomic():
                    self.inner.add_bulk(model, keep)
            except Exception as error:
                logger.exception("Search index bulk update failed; queued for retry")
                for obj in keep:
                    record_failure(obj, "update", error)

    def delete(self, obj):
        return self._apply(obj, "remove", lambda: self.inner.delete(obj))
