"""Site-wide model rules that no form or import may skip."""

import os

from django.contrib.auth.signals import user_logged_in
from django.core.files.base import ContentFile
from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import Page

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


user_logged_in.connect(mark_session_fresh, dispatch_uid="gpe-session-fresh")
