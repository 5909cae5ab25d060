"""Site-wide model rules that no form or import may skip."""

import os

from django.contrib.auth.signals import user_logged_in
from django.core.files.base import ContentFile
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page

from . import documents, media
from .images import without_metadata
from .middleware import mark_session_fresh
from .sanitize import single_line

PAGE_ONE_LINE_FIELDS = ("title", "draft_title", "seo_title")


@receiver(pre_save)
def page_titles_are_one_line(sender, instance, raw=False, **kwargs):
    """Every page type's titles are one line: they reach mail subjects (a review reminder),
    where a line break is a refused header, and feeds and the browser's title bar."""
    if raw or not isinstance(instance, Page):
        return
    for name in PAGE_ONE_LINE_FIELDS:
        value = getattr(instance, name, None)
        if value:
            setattr(instance, name, single_line(value))


@receiver(pre_save, sender=get_image_model())
def image_originals_keep_no_metadata(sender, instance, raw=False, **kwargs):
    """A newly uploaded (or replaced) original is rewritten without its metadata before it is
    stored (Django writes the file after this signal); renditions are made from it."""
    field_file = instance.file
    if raw or not field_file or getattr(field_file, "_committed", True):
        return
    upload = field_file.file
    upload.seek(0)
    cleaned = without_metadata(upload.read())
    upload.seek(0)
    if cleaned is None:
        return
    # Assigning a new file updates width and height (the orientation may have turned it).
    instance.file = ContentFile(cleaned, name=os.path.basename(field_file.name))
    instance.file_size = len(cleaned)
    # file_hash stays the uploaded file's: Wagtail finds duplicate uploads by it.


@receiver(pre_save, sender=get_document_model())
def documents_keep_no_metadata(sender, instance, raw=False, **kwargs):
    """A newly uploaded (or replaced) document is stored without its author, title and other
    metadata where its type can be cleaned (home.documents)."""
    field_file = instance.file
    if raw or not field_file or getattr(field_file, "_committed", True):
        return
    upload = field_file.file
    upload.seek(0)
    cleaned = documents.without_metadata(upload.read(), os.path.splitext(field_file.name)[1])
    upload.seek(0)
    if cleaned is None:
        return
    instance.file = ContentFile(cleaned, name=os.path.basename(field_file.name))
    instance.file_size = len(cleaned)
    # file_hash stays the uploaded file's: Wagtail finds duplicate uploads by it.


@receiver(post_save, sender=get_image_model())
def image_files_follow_their_collection(sender, instance, raw=False, **kwargs):
    """An image saved into a restricted collection (or out of one) has its files moved to the
    private place (or back): home.media."""
    if not raw:
        media.place_image_files(instance)


@receiver(post_save, sender=CollectionViewRestriction)
@receiver(post_delete, sender=CollectionViewRestriction)
def images_follow_collection_restrictions(sender, instance, raw=False, **kwargs):
    if not raw:
        media.restriction_changed(instance)


user_logged_in.connect(mark_session_fresh, dispatch_uid="gpe-session-fresh")
