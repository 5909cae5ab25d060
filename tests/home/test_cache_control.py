"""Devices get seized: nothing shown to a signed-in person, and nothing restricted, may stay in
a browser's or a proxy's cache (home.middleware.PrivateCacheMiddleware)."""

import pytest
from wagtail.models import PageViewRestriction

from forum.factories import CategoryFactory, make_topic
from home.factories import StandardPageFactory
from partners.models import Audience

pytestmark = pytest.mark.django_db


def not_stored(response) -> bool:
    """The response tells every cache not to keep it (Django's never_cache says more)."""
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives and "public" not in directives


@pytest.fixture
def members_topic(db, member):
    category = CategoryFactory(name="Members", slug="members-room", audience=Audience.MEMBERS)
    return make_topic(category, member, title="Members only")


@pytest.fixture
def policy(home_page):
    from home.factories import PolicyPageFactory

    page = PolicyPageFactory(parent=home_page, slug="policy")
    page.save_revision().publish()
    return page


MAIN_PAGES = [
    "/en/",
    "/en/policy/",
    "/en/policy/versions/",
    "/en/forum/",
    "/en/partners/notifications/",
    "/en/forum/preferences/",
    "/en/forum/unread/",
    "/en/partners/account/",
    "/en/partners/members/",
    "/en/partners/organisations/",
    "/en/accounts/email/",
    "/en/accounts/password/change/",
    "/en/accounts/2fa/",
]


def test_cache_control_every_page_for_a_signed_in_member(client_for, member, members_topic, policy):
    client = client_for(member)
    for url in [
        *MAIN_PAGES,
        members_topic.get_absolute_url(),
        f"/en/partners/members/{member.pk}/",
        "/en/no-such-page/",  # a 404 too
    ]:
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        assert not_stored(response), (url, response.get("Cache-Control"))


def test_cache_control_staff_in_the_admin(client, editor):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(editor, generate_totp_secret())
    client.force_login(editor)
    for url in ("/admin/", "/admin/pages/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not_stored(response), url


def test_cache_control_public_pages_stay_cacheable_for_visitors(client, policy):
    for url in ("/en/", "/en/policy/", "/en/forum/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", ""), url


def test_cache_control_a_password_protected_page_is_not_stored(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="shared", title="Shared with a password")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="open-sesame-42"
    )
    form = client.get("/en/shared/")
    assert form.status_code == 200
    client.post(
        f"/en/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "open-sesame-42", "return_url": "/en/shared/"},
    )
    response = client.get("/en/shared/")
    assert b"Shared with a password" in response.content
    assert not_stored(response)


def test_cache_control_sign_in_answer_is_not_stored(client, member, home_page):
    from partners.factories import DEFAULT_PASSWORD

    response = client.post(
        "/en/accounts/login/", {"login": member.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert not_stored(response)
