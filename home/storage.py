"""Where CMS files live: public media, or private files that only a checked view serves.

``MediaStorage`` is the default storage (Wagtail's documents, images and renditions use it). A
file's name says where it lives:

- ``documents/…``: every CMS document. Documents are always served by Wagtail's serve view
  (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), which asks ``partners.access`` first
  (``home.wagtail_hooks``), so no document needs a public file;
- ``private/…``: originals and renditions of images in restricted collections (``home.media``
  names them so and moves them when their collection's restrictions change);
- anything else: public media under ``MEDIA_ROOT``, served at ``MEDIA_URL`` by the proxy.

Private names are stored under ``GPE_PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``: no URL of the
web server reaches them. Their ``url()`` is the access-checked view (``private_media``), so
templates (``{% image %}``) work for both kinds. The view answers through ``private_file_response``:
in production the proxy sends the bytes (``X-Accel-Redirect``, ``GPE_PRIVATE_MEDIA_ACCEL``)
after Django's check; without it the worker streams them.
"""

from __future__ import annotations

import mimetypes
import os
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.encoding import filepath_to_uri

PRIVATE_PREFIX = "private/"
DOCUMENTS_PREFIX = "documents/"
PRIVATE_PREFIXES = (PRIVATE_PREFIX, DOCUMENTS_PREFIX)


def is_private_name(name: str) -> bool:
    return name.startswith(PRIVATE_PREFIXES)


def private_root() -> str:
    return os.path.abspath(str(settings.GPE_PRIVATE_MEDIA_ROOT))


class _PrivateFiles(FileSystemStorage):
    """The private folder, read from the settings when used; no URL of its own."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return private_root()

    @property
    def location(self):
        return private_root()


class MediaStorage(Storage):
    """Public media under MEDIA_ROOT; private names (``PRIVATE_PREFIXES``) under
    GPE_PRIVATE_MEDIA_ROOT, with the checked view as their URL."""

    def __init__(self):
        # Public media may live elsewhere (an S3-compatible bucket): STORAGES["public_media"].
        self.public = (
            storages["public_media"] if "public_media" in settings.STORAGES else FileSystemStorage()
        )
        self.private = _PrivateFiles()

    def _pick(self, name: str) -> FileSystemStorage:
        return self.private if is_private_name(name) else self.public

    def _open(self, name, mode="rb"):
        return self._pick(name)._open(name, mode)

    def _save(self, name, content):
        return self._pick(name)._save(name, content)

    def delete(self, name):
        return self._pick(name).delete(name)

    def exists(self, name):
        return self._pick(name).exists(name)

    def listdir(self, path):
        return self._pick(path).listdir(path)

    def path(self, name):
        return self._pick(name).path(name)

    def size(self, name):
        return self._pick(name).size(name)

    def get_accessed_time(self, name):
        return self._pick(name).get_accessed_time(name)

    def get_created_time(self, name):
        return self._pick(name).get_created_time(name)

    def get_modified_time(self, name):
        return self._pick(name).get_modified_time(name)

    def url(self, name):
        if name and is_private_name(name):
            return reverse("private_media", kwargs={"name": filepath_to_uri(name)})
        return self.public.url(name)


def private_file_response(
    name: str, *, content_type: str | None = None, attachment_filename: str | None = None
) -> HttpResponse:
    """The private file ``name`` of the default storage, for someone who passed the access
    check: sent by the proxy (X-Accel-Redirect) when ``GPE_PRIVATE_MEDIA_ACCEL`` is set, else
    streamed. Never kept by a shared cache or a device; nothing in it may run."""
    from django.core.files.storage import default_storage

    if not is_private_name(name):
        raise Http404
    path = default_storage.path(name)
    if not os.path.isfile(path):
        raise Http404
    content_type = content_type or mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = _send(path, content_type)
    if attachment_filename:
        response["Content-Disposition"] = _disposition(attachment_filename)
    return protect(response)


def protect(response: HttpResponse) -> HttpResponse:
    """Headers of every restricted file response."""
    patch_cache_control(response, private=True, no_store=True)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _disposition(filename: str) -> str:
    return f"attachment; filename*=UTF-8''{quote(filename)}"


def _send(path: str, content_type: str) -> HttpResponse:
    accel = settings.GPE_PRIVATE_MEDIA_ACCEL
    if accel:
        relative = os.path.relpath(path, private_root())
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + filepath_to_uri(relative)
        return response
    return FileResponse(open(path, "rb"), content_type=content_type)


def sendfile(request, filename, mimetype=None, **kwargs):
    """Wagtail's ``SENDFILE_BACKEND`` interface, used by its document serve view: documents
    go through the same X-Accel-Redirect switch as the rest of the private files."""
    if settings.GPE_PRIVATE_MEDIA_ACCEL and os.path.abspath(filename).startswith(
        private_root() + os.sep
    ):
        return _send(filename, mimetype or "application/octet-stream")
    from wagtail.utils.sendfile_streaming_backend import sendfile as stream

    return stream(request, filename, mimetype=mimetype, **kwargs)
