"""Images in restricted collections keep their files private (``home.storage``).

An image whose collection (or an ancestor) has a view restriction stores its original under
``private/original_images/`` and its renditions under ``private/images/``: outside MEDIA_ROOT,
reached only through the access-checked ``private_media`` view. Public images keep Wagtail's
usual names and are served by the proxy from MEDIA_ROOT, fast and cacheable.

The place is chosen when a file is written (Wagtail asks the image or rendition for its
``get_upload_to``; ``install()`` makes that answer depend on the collection), and files move when
the answer changes: an image saved into another collection, or a restriction added to or
removed from a collection. Moving writes the original under its new name, deletes the old
file and every rendition (they are made again, in the new place, when next asked for), so no
copy of a restricted image is left at a public URL.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from .storage import PRIVATE_PREFIX


def is_restricted(collection_id: int) -> bool:
    """Does a view restriction (of any kind) apply to the collection? Read from the database,
    not from a collection object whose tree path may be stale (adding a sibling re-sorts
    collections by name). Two queries."""
    collection = Collection.objects.filter(pk=collection_id).first()
    return collection is not None and collection.get_view_restrictions().exists()


def placed(name: str, *, private: bool) -> str:
    """``name`` in the private or the public place."""
    public_name = name.removeprefix(PRIVATE_PREFIX)
    return PRIVATE_PREFIX + public_name if private else public_name


def install() -> None:
    """Make Wagtail's images and renditions ask their collection where their files go.
    Called once from home's ready(); the models' fields (and migrations) are untouched."""
    image_model = get_image_model()
    rendition_model = image_model.get_rendition_model()
    if getattr(image_model.get_upload_to, "gpe_placed", False):
        return
    image_model.get_upload_to = _placed_upload_to(
        image_model.get_upload_to, lambda image: image.collection_id
    )
    rendition_model.get_upload_to = _placed_upload_to(
        rendition_model.get_upload_to, lambda rendition: rendition.image.collection_id
    )


def _placed_upload_to(upload_to, collection_id_of):
    def get_upload_to(self, filename):
        return placed(upload_to(self, filename), private=is_restricted(collection_id_of(self)))

    get_upload_to.gpe_placed = True
    return get_upload_to


def place_image_files(image) -> bool:
    """Move ``image``'s files to where its collection says they belong. True if they moved."""
    name = image.file.name
    private = is_restricted(image.collection_id)
    target = placed(name, private=private)
    if not name or target == name:
        return False
    storage = image.file.storage
    if not storage.exists(name):  # a file lost earlier: nothing to move, nothing to leak
        return False
    with storage.open(name, "rb") as handle:
        new_name = storage.save(target, handle)
    with transaction.atomic():
        type(image)._default_manager.filter(pk=image.pk).update(file=new_name)
        image.file.name = new_name
        for rendition in image.renditions.all():
            # The file now, not when the transaction commits (Wagtail's own cleanup): a
            # restricted image's public rendition must not outlive the request that hid it.
            rendition.file.delete(save=False)
            rendition.delete()
    storage.delete(name)
    return True


def place_collection_images(collection_id: int) -> int:
    """Move the files of every image in the collection and below it. Returns how many moved."""
    collection = Collection.objects.filter(pk=collection_id).first()
    if collection is None:  # deleted with its (empty) collection
        return 0
    images = get_image_model().objects.filter(collection__path__startswith=collection.path)
    return sum(place_image_files(image) for image in images)


def restriction_changed(restriction: CollectionViewRestriction) -> int:
    """After a restriction was added, changed or removed: its collection's images move."""
    return place_collection_images(restriction.collection_id)
