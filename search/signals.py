"""Removal of objects that leave their model's indexed set.

Wagtail's ``insert_or_update_object`` skips an object that is no longer in its model's
``get_indexed_objects()`` and leaves its old entry in the index. For every indexed model that
narrows ``get_indexed_objects`` (and updates the index on save), this removes the entry
instead. The other exits (hidden, deleted) are handled in search.indexing. Also: a saved or
deleted locale is read again by search.database (the language each page is indexed in)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from modelsearch import index


def _narrows_indexed_objects(model) -> bool:
    own = getattr(model.get_indexed_objects, "__func__", None)
    return own is not None and own is not index.Indexed.get_indexed_objects.__func__


def remove_if_left(sender, instance, raw=False, **kwargs):
    if raw:
        return

    def check():
        if index.get_indexed_instance(instance) is None:
            index.remove_object(instance)

    transaction.on_commit(check)


def forget_locales(sender, **kwargs):
    """search.database reads locales once; a changed locale is read again."""
    from .database import forget_locales

    forget_locales()


def connect() -> None:
    from wagtail.models import Locale, Page

    post_save.connect(forget_locales, sender=Locale, dispatch_uid="search-locales-saved")
    post_delete.connect(forget_locales, sender=Locale, dispatch_uid="search-locales-deleted")

    for model in index.get_indexed_models():
        if issubclass(model, Page) or not getattr(model, "search_auto_update", True):
            continue
        if _narrows_indexed_objects(model):
            post_save.connect(remove_if_left, sender=model, dispatch_uid=f"search-left-{model}")
