"""Serving CMS files: documents through Wagtail's view, private media through a checked one.

Both answer 404 to anyone ``partners.access`` does not let see the file (never a 403 or a
sign-in redirect that names it), and mark restricted answers ``private, no-store``."""

from __future__ import annotations

from django.http import Http404
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from partners import access

from .storage import DOCUMENTS_PREFIX, PRIVATE_PREFIX, private_file_response, protect

# Set by home.wagtail_hooks on a request for a document in a restricted collection.
RESTRICTED_FILE = "gpe_restricted_file"


def serve_document(request, document_id, document_filename):
    """Wagtail's document view (its ``before_serve_document`` hooks check access, see
    home.wagtail_hooks), with the headers of a private file on restricted documents."""
    response = wagtail_serve_document(request, document_id, document_filename)
    if response.has_header("X-Accel-Redirect"):
        # The proxy sends the file and its length; the worker's answer has no body.
        del response["Content-Length"]
        if response.has_header("Content-Encoding"):
            del response["Content-Encoding"]
    if getattr(request, RESTRICTED_FILE, False):
        protect(response)
    return response


def private_media(request, name):
    """A private file (``home.storage``): an image's original or rendition in a restricted
    collection, or a document's file. 404 unless the user may see what it belongs to."""
    owner = _owner(name)
    if owner is None or not _may_see(request.user, owner):
        raise Http404
    if isinstance(owner, get_document_model()):
        return private_file_response(
            name, content_type=owner.content_type, attachment_filename=owner.filename
        )
    return private_file_response(name)


def _owner(name: str):
    image_model = get_image_model()
    if name.startswith(PRIVATE_PREFIX + "original_images/"):
        return image_model.objects.select_related("collection").filter(file=name).first()
    if name.startswith(PRIVATE_PREFIX + "images/"):
        renditions = image_model.get_rendition_model().objects.select_related("image__collection")
        return renditions.filter(file=name).first()
    if name.startswith(DOCUMENTS_PREFIX):
        return get_document_model().objects.select_related("collection").filter(file=name).first()
    return None


def _may_see(user, owner) -> bool:
    if access.can_view(user, owner, purpose=access.READ):
        return True
    # Editors who may choose or change an image see it in the admin (its thumbnails are
    # renditions served here) whatever its collection's audience.
    image = getattr(owner, "image", owner)
    if isinstance(image, get_image_model()) and user.is_authenticated:
        return policy_registry.get_by_type(type(image)).user_has_any_permission_for_instance(
            user, ["change", "choose"], image
        )
    return False
