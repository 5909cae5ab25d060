"""Checking and storing uploads.

The type is sniffed from the bytes (``filetype``), never taken from the name or the browser.
Only images and PDF/office documents pass; SVG, HTML, XML and anything else are refused.
Images are decoded and re-encoded by Pillow, which drops every piece of metadata (EXIF with its
GPS position, XMP, comments, colour profiles)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

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


def prepare_upload(upload) -> PreparedUpload:
    """Check ``upload`` (an UploadedFile) and return what to store, or raise ValidationError."""
    name = get_valid_filename(upload.name or "file")[:150] or "file"
    limit = forum_setting("ATTACHMENT_MAX_BYTES")
    if upload.size > limit:
        raise ValidationError(
            _("%(name)s is too large: files may be up to %(limit)s."),
            params={"name": name, "limit": filesizeformat(limit)},
        )
    content = upload.read()
    kind = filetype.guess(content)
    mime = kind.mime if kind else None
    if mime in IMAGE_TYPES:
        return _reencode_image(content, name, mime)
    if mime in DOCUMENT_TYPES:
        return PreparedUpload(
            content=content,
            original_name=name,
            content_type=mime,
            extension=DOCUMENT_TYPES[mime],
            is_image=False,
        )
    raise ValidationError(
        _("%(name)s is not an image (JPEG, PNG, GIF, WebP) or a PDF or office document."),
        params={"name": name},
    )


def _reencode_image(content: bytes, name: str, mime: str) -> PreparedUpload:
    extension, pil_format = IMAGE_TYPES[mime]
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.width * image.height > forum_setting("IMAGE_MAX_PIXELS"):
                raise ValidationError(_("%(name)s has too many pixels."), params={"name": name})
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
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
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
    attachment.file.save(f"upload.{upload.extension}", ContentFile(upload.content), save=False)
    attachment.save()
    return attachment
