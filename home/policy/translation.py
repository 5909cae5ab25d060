"""Is this translation behind its source? ("This translation may be out of date.")

wagtail-localize keeps, per translated object, a ``TranslationSource`` (the source content as
last extracted, ``last_updated_at``), a ``Translation`` per target language, and a
``TranslationLog`` row each time the translated page was saved from it. A translation may be
out of date when:

- the source page was published after its content was last extracted for translation;
- the source was extracted again ("Sync translated pages") after the translation was last
  saved; or
- some strings of the current source have no translation yet (the page shows the source
  language for them).

Pages translated without wagtail-localize (Wagtail's "copy for translation") have none of this;
for them the page is compared with the default-language page: published later means changed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils.translation import get_language_info
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationLog


@dataclass(frozen=True)
class TranslationNotice:
    source_page: Page
    source_language_code: str
    source_changed_at: datetime.datetime | None

    @property
    def source_language_name(self) -> str:
        return get_language_info(self.source_language_code)["name_local"]


def _localize_translation(page) -> Translation | None:
    last_saved = (
        TranslationLog.objects.filter(source_id=OuterRef("source_id"), locale_id=page.locale_id)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source__locale")
        .annotate(last_saved_at=Subquery(last_saved))
        .first()
    )


def behind_its_source(source_page, source, last_saved_at) -> bool:
    """Is a wagtail-localize translation behind? ``source`` is its ``TranslationSource``,
    ``last_saved_at`` when the translated page was last saved from it (None: never)."""
    changed_after_extraction = (
        source_page.last_published_at is not None
        and source_page.last_published_at > source.last_updated_at
    )
    extracted_after_saving = last_saved_at is None or source.last_updated_at > last_saved_at
    return changed_after_extraction or extracted_after_saving


def translation_notice(page) -> TranslationNotice | None:
    """A notice for ``page`` if it is a translation that may be behind its live source."""
    translation = _localize_translation(page)
    if translation is None:
        return _notice_without_localize(page)

    source = translation.source
    source_page = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale_id=source.locale_id)
        .first()
    )
    if source_page is None:
        return None
    behind = behind_its_source(source_page, source, translation.last_saved_at)
    if not behind:
        total, translated = translation.get_progress()
        behind = translated < total
    if not behind:
        return None
    return TranslationNotice(
        source_page=source_page,
        source_language_code=source.locale.language_code,
        source_changed_at=source_page.last_published_at,
    )


def _notice_without_localize(page) -> TranslationNotice | None:
    original = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE)
        .exclude(pk=page.pk)
        .first()
    )
    if original is None or original.last_published_at is None:
        return None
    if page.last_published_at is not None and page.last_published_at >= original.last_published_at:
        return None
    return TranslationNotice(
        source_page=original,
        source_language_code=settings.LANGUAGE_CODE,
        source_changed_at=original.last_published_at,
    )


def translate_from(source_page, locale, translated_page, *, publish: bool = True):
    """Create or update the ``locale`` translation of ``source_page`` through wagtail-localize.

    ``translated_page`` is an unsaved page of the same type and structure (same block ids,
    paragraphs and list items) holding the translated text: its strings are stored as the
    translations of the source's strings, as the translation editor or a PO import would,
    and the translated page is saved (and published) from them. Strings it lacks stay in the
    source language, as wagtail-localize does. Used by the demo content and the tests."""
    from collections import defaultdict

    from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    def strings_by_path(page):
        strings = defaultdict(list)
        for segment in extract_segments(page):
            if isinstance(segment, StringSegmentValue):
                strings[segment.path].append(segment.string.data)
        return strings

    source_strings = strings_by_path(source_page)
    target_strings = strings_by_path(translated_page)
    wanted = {}
    for path, originals in source_strings.items():
        for original, translated in zip(originals, target_strings.get(path, []), strict=False):
            wanted[(path, original)] = translated

    source, _created = TranslationSource.update_or_create_from_instance(source_page)
    Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        translated = wanted.get((segment.context.path, segment.string.data))
        if translated is not None:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": translated},
            )
    page, _created = source.create_or_update_translation(
        locale, publish=False, copy_parent_pages=True, fallback=True
    )
    if publish:
        page.get_latest_revision().publish()
    return type(page).objects.get(pk=page.pk)
