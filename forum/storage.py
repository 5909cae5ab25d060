"""Private file storage for attachments: files are reached only through the access-checked
download view, never through a URL of the storage itself."""

import os

from django.core.files.storage import FileSystemStorage

from .conf import private_root


class PrivateStorage(FileSystemStorage):
    """Reads its location from FORUM_PRIVATE_ROOT at use time and has no URL."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return private_root()

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("Forum attachments have no public URL; use the download view.")


_storage = PrivateStorage()


def private_storage():
    """Used as ``FileField(storage=private_storage)`` so migrations name a callable."""
    return _storage
