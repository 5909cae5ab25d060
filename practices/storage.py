"""Private storage for files waiting on a submission form: no URL, outside MEDIA_ROOT."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PendingStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(
            getattr(settings, "PRACTICES_PENDING_ROOT", settings.BASE_DIR / "private" / "practices")
        )

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("Pending uploads have no URL.")


_storage = PendingStorage()


def pending_storage():
    return _storage
