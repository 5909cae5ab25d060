"""CMS images keep no metadata: no EXIF (GPS position, camera, serial numbers), XMP, IPTC,
comments or PNG text chunks, in the original or in any rendition.

Originals are rewritten when they are uploaded (``home.signals``); Wagtail makes every rendition
from the original, and Willow copies into a rendition only what the original still carries
(its EXIF and colour profile), so renditions are clean too. The colour profile (ICC) is kept:
it says how to show the colours, nothing about the person or the place. A file that carries
nothing else is stored exactly as uploaded, without a second lossy encoding."""

from __future__ import annotations

import io

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

# What Pillow reads from a file that is about the pixels, not about who or where.
HARMLESS_INFO = frozenset(
    {
        "dpi",
        "jfif",
        "jfif_version",
        "jfif_unit",
        "jfif_density",
        "adobe",
        "adobe_transform",
        "progressive",
        "progression",
        "icc_profile",
        "transparency",
        "gamma",
        "srgb",
        "chromaticity",
        "aspect",
        "interlace",
        "duration",
        "loop",
        "background",
        "version",
        "disposal",
        "blend",
        "default_image",
    }
)
# JPEG APP segments that are about the pixels: APP0 (JFIF), APP2 (ICC), APP14 (Adobe).
HARMLESS_JPEG_SEGMENTS = frozenset({"APP0", "APP2", "APP14"})
FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def carries_metadata(image: Image.Image) -> bool:
    if set(image.info) - HARMLESS_INFO:
        return True
    if dict(image.getexif()):
        return True
    segments = {marker for marker, _ in getattr(image, "applist", [])}
    return bool(segments - HARMLESS_JPEG_SEGMENTS)


def without_metadata(data: bytes) -> bytes | None:
    """``data`` rewritten without metadata, or None when there is nothing to remove (or it is
    not an image Pillow reads; Wagtail's own validation refuses those)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in FORMATS or not carries_metadata(image):
                return None
            return _rewrite(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None


def _pixels_only(frame: Image.Image) -> Image.Image:
    """A new image holding the frame's pixels and nothing else: no info, no EXIF, no XMP."""
    if frame.mode in ("P", "PA", "LA") or "transparency" in frame.info:
        frame = frame.convert("RGBA")
    elif frame.mode not in ("RGB", "RGBA", "L", "CMYK"):
        frame = frame.convert("RGB")
    clean = Image.new(frame.mode, frame.size)
    clean.paste(frame)
    return clean


def _rewrite(image: Image.Image) -> bytes:
    image_format = image.format
    icc_profile = image.info.get("icc_profile")
    out = io.BytesIO()
    if image_format in ("GIF", "WEBP") and getattr(image, "n_frames", 1) > 1:
        frames = [_pixels_only(frame) for frame in ImageSequence.Iterator(image)]
        frames[0].save(
            out,
            image_format,
            save_all=True,
            append_images=frames[1:],
            duration=image.info.get("duration", 100),
            loop=image.info.get("loop", 0),
        )
        return out.getvalue()
    # Apply the EXIF orientation before the EXIF goes.
    clean = _pixels_only(ImageOps.exif_transpose(image))
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if image_format == "JPEG":
        if clean.mode == "RGBA":
            clean = clean.convert("RGB")
        options.update(quality=95)
    elif image_format == "WEBP":
        options.update(quality=95)
    clean.save(out, image_format, **options)
    return out.getvalue()
