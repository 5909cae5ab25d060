"""CMS documents and images in a public, a members-only and a group-restricted collection:
markers in each title, file name, file content and image alt text (``description``). Requested
by Wagtail's document URL (``/documents/<id>/<name>``), the file's own URL (``/private-media/``
for restricted ones), an image rendition's URL, and the raw ``/media/`` paths a proxy would
serve from MEDIA_ROOT (the canary's URLs serve MEDIA_ROOT there, as production does)."""

from __future__ import annotations

from django.conf import settings
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction
from wagtail_factories import CollectionFactory, DocumentFactory, ImageFactory

from .world import World

# (level, collection audience)
_COLLECTIONS = (
    ("public", None),
    ("members", BaseViewRestriction.LOGIN),
    ("group_media", BaseViewRestriction.GROUPS),
)


def plant(world: World) -> None:
    root = Collection.get_first_root_node()
    documents, images = [], []
    for level, kind in _COLLECTIONS:
        collection = CollectionFactory(parent=root, name=f"Canary {level} collection")
        if kind is not None:
            restriction = CollectionViewRestriction.objects.create(
                collection=collection, restriction_type=kind
            )
            if kind == BaseViewRestriction.GROUPS:
                restriction.groups.set([world.objects["working_group"]])
        name = f"{level} document"
        documents.append(
            DocumentFactory(
                collection=collection,
                title=world.marker(level, f"wagtaildocs.Document.title ({name})"),
                file__filename=world.marker(level, f"wagtaildocs.Document.file ({name})") + ".txt",
                file__data=world.marker(level, f"wagtaildocs.Document content ({name})").encode(),
            )
        )
        name = f"{level} image"
        image = ImageFactory(
            collection=collection,
            title=world.marker(level, f"wagtailimages.Image.title ({name})"),
            description=world.marker(level, f"wagtailimages.Image.description ({name})"),
            file__filename=world.marker(level, f"wagtailimages.Image.file ({name})") + ".png",
            file__color="green",
            file__format="PNG",
        )
        image.get_rendition("fill-40x30")
        images.append(image)
    world.keep("documents", documents)
    world.keep("images", images)


def change(world: World) -> None:
    pass


def _files(world: World) -> list:
    """Every stored file: the documents', the images' originals and their renditions."""
    files = [document.file for document in world.objects["documents"]]
    for image in get_image_model().objects.filter(
        pk__in=[image.pk for image in world.objects["images"]]
    ):
        files.append(image.file)
        files += [rendition.file for rendition in image.renditions.all()]
    return files


def url_values(world: World) -> dict[str, list]:
    private = [f.name for f in _files(world) if f.url.startswith("/private-media/")]
    return {
        "wagtaildocs_serve": [
            (str(document.pk), document.filename) for document in world.objects["documents"]
        ],
        "private_media": [{"name": name} for name in private],
    }


def extra_requests(world: World) -> list[tuple[str, str, dict]]:
    """Each file's own URL, and the raw media paths (under its name, and under the name it
    would have had as a public file)."""
    requests = []
    for field_file in _files(world):
        requests.append(("get", field_file.url, {}))
        requests.append(("get", f"{settings.MEDIA_URL}{field_file.name}", {}))
        requests.append(
            ("get", f"{settings.MEDIA_URL}{field_file.name.removeprefix('private/')}", {})
        )
    return requests
