"""Replaying index updates the search backend refused (search.indexing)."""

from __future__ import annotations

import logging
from datetime import datetime

from django.apps import apps
from django.utils import timezone
from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)

BATCH = 500


def schedule_retry(when: datetime) -> None:
    """Enqueue the retry task for ``when`` where the task backend can defer; otherwise the
    next run of ``manage.py search_status --retry`` (the clock) picks the rows up."""
    if getattr(default_task_backend, "supports_defer", False):
        retry_index_updates.using(run_after=when).enqueue()


def replay(*, now: datetime | None = None) -> tuple[int, int]:
    """Try every due retry once: (succeeded, failed). A row that fails again waits longer."""
    from wagtail.search.backends import get_search_backend

    from .indexing import backoff, is_indexable
    from .models import IndexRetry

    now = now or timezone.now()
    backend = get_search_backend()
    inner = getattr(backend, "inner", backend)
    done = failed = 0
    for retry in IndexRetry.objects.filter(next_attempt_at__lte=now).order_by("pk")[:BATCH]:
        try:
            model = apps.get_model(retry.app_label, retry.model_name)
        except LookupError:
            retry.delete()
            continue
        obj = model._default_manager.filter(pk=retry.object_id).first()
        try:
            if obj is not None and is_indexable(obj):
                from modelsearch.index import get_indexed_instance

                indexed = get_indexed_instance(obj)
                if indexed is not None:
                    inner.add(indexed)
                else:
                    inner.delete(obj)
            else:
                inner.delete(obj if obj is not None else model(pk=retry.object_id))
        except Exception as error:
            logger.warning("Search index retry failed for %s", retry, exc_info=True)
            retry.attempts += 1
            retry.next_attempt_at = now + backoff(retry.attempts + 1)
            retry.last_error = f"{type(error).__name__}: {error}"[:500]
            retry.save(update_fields=["attempts", "next_attempt_at", "last_error"])
            failed += 1
            continue
        retry.delete()
        done += 1
    if done:
        # The index changed without a save: kept hit lists (search.hitcache) and pages go.
        from home import pagecache

        pagecache.changed()
    return done, failed


@task()
def retry_index_updates() -> dict[str, int]:
    done, failed = replay()
    if failed:
        from .models import IndexRetry

        pending = IndexRetry.objects.order_by("next_attempt_at").first()
        if pending is not None:
            schedule_retry(pending.next_attempt_at)
    return {"done": done, "failed": failed}
