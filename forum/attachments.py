"""Checking and storing uploads.

The type is sniffed from the bytes (``filetype``), never taken from the name or the browser.
Only images and PDF/office documents pass; SVG, HTML, XML and anything else are refused.
Images are decoded and re-encoded by Pillow, which drops every piece of metadata (EXIF with its
GPS position, XMP, comments, colour profiles); PDFs and Office Open XML/OpenDocument files lose
their author, title and other properties (``home.documents``)."""

from __future__ import annotations

import functools
import io
import logging
from contextvars import ContextVar
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from home.documents import without_metadata as document_without_metadata

from .conf import forum_setting

IMAGE_TYPES = {
    "image/jpeg": ("jpg", "JPEG"),
    "image/png": ("png", "PNG"),
    "image/gif": ("png", "PNG"),  # first frame, as PNG
    "image/webp": ("webp", "WEBP"),
}
DOCUMENT_TYPES = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
OUTPUT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}

logger = logging.getLogger(__name__)


class AttachmentNotStored(Exception):
    """The private storage refused a file (disk full, permissions, a lost mount). The post it
    belonged to is not saved either: no row may point at a file that is not there."""


@dataclass
class PreparedUpload:
    """An upload that passed every check, ready to store."""

    content: bytes
    original_name: str
    content_type: str
    extension: str
    is_image: bool
    width: int | None = None
    height: int | None = None


@dataclass
class InspectedUpload:
    """An upload whose type is known and, for an image, its size read from its header: nothing
    has been decoded yet."""

    content: bytes
    name: str
    mime: str
    pixels: int = 0


def inspect_upload(upload) -> InspectedUpload:
    """Size, sniffed type and (images) pixel count from the header; ValidationError if any is
    refused. Cheap: no pixel is decoded here."""
    name = get_valid_filename(upload.name or "file")[:150] or "file"
    limit = forum_setting("ATTACHMENT_MAX_BYTES")
    if upload.size > limit:
        raise ValidationError(
            _("%(name)s is too large: files may be up to %(limit)s."),
            params={"name": name, "limit": filesizeformat(limit)},
        )
    content = upload.read(limit + 1)
    kind = filetype.guess(content)
    mime = kind.mime if kind else None
    if mime in IMAGE_TYPES:
        return InspectedUpload(content, name, mime, pixels=_header_pixels(content, name))
    if mime in DOCUMENT_TYPES:
        return InspectedUpload(content, name, mime)
    raise ValidationError(
        _("%(name)s is not an image (JPEG, PNG, GIF, WebP) or a PDF or office document."),
        params={"name": name},
    )


def _too_many_pixels(name: str) -> ValidationError:
    return ValidationError(
        _("%(name)s has too many pixels: images may have up to %(limit)s million."),
        params={"name": name, "limit": forum_setting("IMAGE_MAX_PIXELS") // 1_000_000},
    )


def _header_pixels(content: bytes, name: str) -> int:
    try:
        # Opening reads the header only; Pillow refuses a bomb far past its own limit here.
        with Image.open(io.BytesIO(content)) as image:
            pixels = image.width * image.height
    except Image.DecompressionBombError as error:
        raise _too_many_pixels(name) from error
    except (UnidentifiedImageError, OSError) as error:
        raise ValidationError(
            _("%(name)s could not be read as an image."), params={"name": name}
        ) from error
    if pixels > forum_setting("IMAGE_MAX_PIXELS"):
        raise _too_many_pixels(name)
    return pixels


def prepare_inspected(upload: InspectedUpload) -> PreparedUpload:
    """What to store: images decoded and re-encoded, documents without their metadata where
    their type allows (home.documents), else as they are."""
    if upload.mime in IMAGE_TYPES:
        return _reencode_image(upload.content, upload.name, upload.mime)
    extension = DOCUMENT_TYPES[upload.mime]
    return PreparedUpload(
        content=document_without_metadata(upload.content, extension) or upload.content,
        original_name=upload.name,
        content_type=upload.mime,
        extension=extension,
        is_image=False,
    )


def prepare_upload(upload) -> PreparedUpload:
    """Check ``upload`` (an UploadedFile) and return what to store, or raise ValidationError."""
    return prepare_inspected(inspect_upload(upload))


def _reencode_image(content: bytes, name: str, mime: str) -> PreparedUpload:
    extension, pil_format = IMAGE_TYPES[mime]
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.seek(0)
            # Apply the EXIF orientation before the EXIF goes.
            image = ImageOps.exif_transpose(image)
            mode = "RGBA" if image.mode in ("RGBA", "LA", "P", "PA") else "RGB"
            if pil_format == "JPEG":
                mode = "RGB"
            pixels = image.convert(mode)
            # A new image holds pixels only: no info dict, no EXIF, no XMP, no ICC profile.
            clean = Image.new(mode, pixels.size)
            clean.paste(pixels)
    except Image.DecompressionBombError as error:
        raise _too_many_pixels(name) from error
    except (UnidentifiedImageError, OSError) as error:
        raise ValidationError(
            _("%(name)s could not be read as an image."), params={"name": name}
        ) from error
    out = io.BytesIO()
    clean.save(out, format=pil_format, **({"quality": 88} if pil_format == "JPEG" else {}))
    stem = name.rsplit(".", 1)[0] or "image"
    return PreparedUpload(
        content=out.getvalue(),
        original_name=f"{stem}.{extension}",
        content_type=OUTPUT_TYPES[pil_format],
        extension=extension,
        is_image=True,
        width=clean.width,
        height=clean.height,
    )


# Files written while a service runs; removed again if the service fails (its rows roll back).
_written: ContextVar[list | None] = ContextVar("forum_attachments_written", default=None)


def stored_files_removed_on_failure(service):
    """Wrap a service that saves attachments inside its transaction: if it fails, after the
    transaction rolled back, the files it had written already are deleted, so neither a row
    without its file nor a file without its row is left."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        written: list = []
        token = _written.set(written)
        try:
            return service(*args, **kwargs)
        except BaseException:
            for storage, name in written:
                try:
                    storage.delete(name)
                except OSError:
                    logger.exception("Could not remove a stored attachment after a failure")
            raise
        finally:
            _written.reset(token)

    return wrapper


def save_attachment(post, upload: PreparedUpload, *, uploader):
    from .models import Attachment

    attachment = Attachment(
        post=post,
        uploader=uploader,
        original_name=upload.original_name,
        content_type=upload.content_type,
        extension=upload.extension,
        size=len(upload.content),
        is_image=upload.is_image,
        width=upload.width,
        height=upload.height,
    )
    try:
        attachment.file.save(f"upload.{upload.extension}", ContentFile(upload.content), save=False)
    except OSError as error:
        # The file's name and the storage path stay out of the log: both can say too much.
        logger.error("An attachment could not be stored: %s", type(error).__name__)
        raise AttachmentNotStored from error
    written = _written.get()
    if written is not None:
        written.append((attachment.file.storage, attachment.file.name))
    attachment.save()
    return attachment
