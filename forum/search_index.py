"""Search index updates that can never break saving a post.

Topic and Post switch off Wagtail's automatic index signals (``search_auto_update = False``);
the services call these instead. Each runs in a savepoint, so a failing search backend (or a
failing full-text statement on PostgreSQL) is logged and leaves the surrounding transaction
intact. ``manage.py update_index`` rebuilds anything missed.
"""

import logging

from django.db import transaction
from wagtail.search import index

logger = logging.getLogger(__name__)


def update(obj) -> None:
    try:
        with transaction.atomic():
            index.insert_or_update_object(obj)
    except Exception:
        logger.exception("Could not update the search index for %r", obj)


def remove(obj) -> None:
    try:
        with transaction.atomic():
            index.remove_object(obj)
    except Exception:
        logger.exception("Could not remove %r from the search index", obj)
