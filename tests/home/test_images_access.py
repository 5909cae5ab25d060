"""Images in restricted collections, and all their renditions, live outside MEDIA_ROOT and are
served only through the checked view; public images stay on the public media URL
(home.media, home.storage, home.views)."""

import io
import os

import pytest
from django.conf import settings
from django.template import Context, Template
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction
from wagtail_factories import CollectionFactory, ImageFactory

from partners.models import Membership

from .conftest import with_second_factor

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.home.media_urls")]

NOT_ALLOWED = ("anonymous", "non_member", "removed_member", "deactivated_member")


def new_collection(name="Photos"):
    return CollectionFactory(parent=Collection.get_first_root_node(), name=name)


def restrict(collection, kind=BaseViewRestriction.LOGIN, *, groups=()):
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=kind
    )
    restriction.groups.set(groups)
    return restriction


def make_image(collection, filename="visit.png"):
    return ImageFactory(
        collection=collection, file__filename=filename, file__color="green", file__format="PNG"
    )


def fresh(image):
    return get_image_model().objects.get(pk=image.pk)


def stored(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def files_under(root) -> set[str]:
    return {name for _, _, names in os.walk(root) for name in names}


def raw_media_urls(field_file) -> list[str]:
    """Where the file would be at MEDIA_URL: under its name, and under its public name."""
    return [
        f"{settings.MEDIA_URL}{field_file.name}",
        f"{settings.MEDIA_URL}{field_file.name.removeprefix('private/')}",
    ]


@pytest.fixture
def members_image(home_page):
    collection = new_collection()
    restrict(collection)
    image = make_image(collection)
    rendition = image.get_rendition("fill-40x30")
    return image, rendition


def test_images_restricted_original_and_renditions_are_private_files(members_image):
    image, rendition = members_image
    for field_file in (image.file, rendition.file):
        assert field_file.name.startswith("private/")
        assert field_file.path.startswith(str(settings.GPE_PRIVATE_MEDIA_ROOT))
        assert field_file.url.startswith("/private-media/private/")
    assert not files_under(settings.MEDIA_ROOT)
    basenames = {os.path.basename(image.file.name), os.path.basename(rendition.file.name)}
    assert basenames == files_under(settings.GPE_PRIVATE_MEDIA_ROOT)


@pytest.mark.parametrize("role", NOT_ALLOWED)
def test_images_restricted_404_for_those_who_are_not_members(
    role, request, client_for, members_image
):
    image, rendition = members_image
    client = client_for(request.getfixturevalue(role))
    for field_file in (image.file, rendition.file):
        for url in (field_file.url, *raw_media_urls(field_file)):
            response = client.get(url)
            assert response.status_code == 404, url
            assert stored(field_file) not in body(response)


@pytest.mark.parametrize("role", ("member", "group_member", "moderator", "superuser"))
def test_images_restricted_served_to_members(role, request, client_for, members_image):
    image, rendition = members_image
    client = client_for(with_second_factor(request.getfixturevalue(role)))
    for field_file in (image.file, rendition.file):
        response = client.get(field_file.url)
        assert response.status_code == 200
        assert body(response) == stored(field_file)
        assert response["Content-Type"] == "image/png"
        assert response["Cache-Control"] == "private, no-store"
        # Not even a member gets it by a raw media URL.
        for url in raw_media_urls(field_file):
            assert client.get(url).status_code == 404


def test_images_group_collection_only_for_the_group(
    client_for, home_page, working_group, group_member, member
):
    collection = new_collection()
    restrict(collection, BaseViewRestriction.GROUPS, groups=[working_group])
    rendition = make_image(collection).get_rendition("width-20")
    assert client_for(group_member).get(rendition.url).status_code == 200
    assert client_for(member).get(rendition.url).status_code == 404


def test_images_editors_see_restricted_thumbnails_they_may_choose(
    client_for, home_page, working_group, editor, member
):
    """The admin shows renditions through the same view: editors who may choose an image
    see it whatever its collection's audience."""
    collection = new_collection()
    restrict(collection, BaseViewRestriction.GROUPS, groups=[working_group])
    rendition = make_image(collection).get_rendition("max-165x165")
    assert client_for(with_second_factor(editor)).get(rendition.url).status_code == 200


def test_images_removed_member_loses_access_on_next_request(client_for, member, members_image):
    _, rendition = members_image
    client = client_for(member)
    assert client.get(rendition.url).status_code == 200
    Membership.objects.filter(user=member).delete()
    assert client.get(rendition.url).status_code == 404


def test_images_public_stay_on_the_public_media_url(client, home_page):
    image = make_image(new_collection())
    rendition = image.get_rendition("fill-40x30")
    for field_file in (image.file, rendition.file):
        assert not field_file.name.startswith("private/")
        assert field_file.url == f"{settings.MEDIA_URL}{field_file.name}"
        response = client.get(field_file.url)
        assert response.status_code == 200 and body(response) == stored(field_file)
    assert not files_under(settings.GPE_PRIVATE_MEDIA_ROOT)
    # The checked view serves private files only.
    assert client.get(f"/private-media/{image.file.name}").status_code == 404


def test_images_move_when_their_collection_becomes_restricted_and_back(client, home_page):
    collection = new_collection()
    image = make_image(collection)
    public = image.get_rendition("fill-40x30")
    public_urls = [image.file.url, public.url]
    assert all(client.get(url).status_code == 200 for url in public_urls)

    restriction = restrict(collection)
    image = fresh(image)
    assert image.file.name.startswith("private/original_images/")
    assert not image.renditions.exists()  # made again, privately, when asked for
    assert not files_under(settings.MEDIA_ROOT)
    assert all(client.get(url).status_code == 404 for url in public_urls)
    private = image.get_rendition("fill-40x30")
    assert private.file.name.startswith("private/images/")
    assert client.get(private.url).status_code == 404

    restriction.delete()
    image = fresh(image)
    assert not image.file.name.startswith("private/")
    assert not files_under(settings.GPE_PRIVATE_MEDIA_ROOT)
    assert client.get(image.get_rendition("fill-40x30").url).status_code == 200


def test_images_move_with_the_image_into_a_restricted_collection(client, home_page):
    image = make_image(new_collection("Open"))
    rendition_url = image.get_rendition("width-20").url
    hidden = new_collection("Hidden")
    restrict(hidden)
    image.collection = hidden
    image.save()
    image = fresh(image)
    assert image.file.name.startswith("private/")
    assert client.get(rendition_url).status_code == 404
    assert not files_under(settings.MEDIA_ROOT)


def test_images_template_tag_works_for_both_kinds(client_for, member, home_page):
    open_image = make_image(new_collection("Open"), filename="open.png")
    hidden = new_collection("Hidden")
    restrict(hidden)
    hidden_image = make_image(hidden, filename="hidden.png")
    template = Template("{% load wagtailimages_tags %}{% image img fill-40x30 as r %}{{ r.url }}")
    open_url = template.render(Context({"img": open_image}))
    hidden_url = template.render(Context({"img": hidden_image}))
    assert open_url.startswith(settings.MEDIA_URL)
    assert hidden_url.startswith("/private-media/private/images/")
    client = client_for(member)
    for url in (open_url, hidden_url):
        response = client.get(url)
        assert response.status_code == 200
        assert PILImage.open(io.BytesIO(body(response))).size == (40, 30)
    client.logout()
    assert client.get(open_url).status_code == 200
    assert client.get(hidden_url).status_code == 404


def test_images_sent_by_the_proxy_when_configured(client_for, member, members_image, settings):
    settings.GPE_PRIVATE_MEDIA_ACCEL = "/_private/media/"
    _, rendition = members_image
    response = client_for(member).get(rendition.url)
    assert response["X-Accel-Redirect"] == f"/_private/media/{rendition.file.name}"
    assert response.content == b""
    assert response["Cache-Control"] == "private, no-store"


def test_images_private_view_query_count(
    client_for, member, members_image, django_assert_num_queries
):
    _, rendition = members_image
    client = client_for(member)
    client.get(rendition.url)
    # Session; the user with its membership facts; the rendition with its image and
    # collection (partners.access's table of view restrictions is kept per worker).
    with django_assert_num_queries(3):
        assert client.get(rendition.url).status_code == 200
