"""Content-Security-Policy and Permissions-Policy headers (django-csp, home.middleware):
nonce-based on every front-end page, a looser policy for Wagtail's admin only."""

import re

import pytest

from forum.factories import CategoryFactory, make_topic
from home.factories import PolicyPageFactory
from partners.models import Audience

pytestmark = pytest.mark.django_db

FRONT_END = {
    "default-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "frame-ancestors": {"'none'"},
    "img-src": {"'self'"},
    "form-action": {"'self'"},
}


def policy(response) -> dict[str, set[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = set(values)
    return directives


def script_nonces(html: str) -> set[str]:
    return set(re.findall(r"<script[^>]*\snonce=\"([^\"]+)\"", html))


@pytest.fixture
def pages(home_page, member):
    policy_page = PolicyPageFactory(parent=home_page, slug="policy")
    policy_page.save_revision().publish()
    category = CategoryFactory(name="Members", slug="members-room", audience=Audience.MEMBERS)
    topic = make_topic(category, member, title="A topic")
    return {
        "anonymous": [
            "/en/",
            "/en/policy/",
            "/en/policy/versions/",
            "/en/forum/",
            "/en/accounts/login/",
            "/en/accounts/password/reset/",
            "/en/partners/request-access/",
            "/en/no-such-page/",
        ],
        "member": [
            "/en/",
            "/en/forum/",
            topic.get_absolute_url(),
            f"/en/forum/t/{topic.pk}/reply/",
            "/en/partners/notifications/",
            "/en/forum/preferences/",
            "/en/partners/account/",
            "/en/partners/members/",
            "/en/accounts/email/",
            "/en/accounts/2fa/",
        ],
    }


def assert_front_end_policy(response, url):
    directives = policy(response)
    for name, values in FRONT_END.items():
        assert directives.get(name) == values, (url, name, directives.get(name))
    script_src = directives["script-src"]
    nonces = {value for value in script_src if value.startswith("'nonce-")}
    assert script_src == {"'self'", *nonces} and len(nonces) == 1, (url, script_src)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"], url
    assert "'unsafe-eval'" not in response["Content-Security-Policy"], url
    html = response.content.decode()
    if "<script" in html:
        assert script_nonces(html) == {nonces.pop()[len("'nonce-") : -1]}, url
    assert "camera=()" in response["Permissions-Policy"], url
    assert "geolocation=()" in response["Permissions-Policy"], url


def test_csp_on_every_front_end_page(client, client_for, member, pages):
    for url in pages["anonymous"]:
        assert_front_end_policy(client.get(url), url)
    signed_in = client_for(member)
    for url in pages["member"]:
        response = signed_in.get(url)
        assert response.status_code == 200, url
        assert_front_end_policy(response, url)


def test_csp_nonce_is_new_on_every_response(client, home_page):
    first, second = (policy(client.get("/en/"))["script-src"] for _ in range(2))
    assert first != second


def test_csp_totp_enrolment_may_show_its_qr_code(client, member):
    """allauth draws the QR code as a data: image; that page alone allows data: images."""
    from partners.factories import DEFAULT_PASSWORD

    client.force_login(member)
    client.post("/en/accounts/reauthenticate/", {"password": DEFAULT_PASSWORD})
    response = client.get("/en/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    assert policy(response)["img-src"] == {"'self'", "data:"}
    assert policy(client.get("/en/accounts/2fa/"))["img-src"] == {"'self'"}


def test_csp_the_editors_preview_may_be_framed_by_the_admin(client, superuser, home_page):
    """Wagtail renders the preview as a request for the page: front-end policy, framed."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from home.factories import StandardPageFactory

    TOTP.activate(superuser, generate_totp_secret())
    client.force_login(superuser)
    page = StandardPageFactory(parent=home_page, slug="about", title="About")
    url = f"/admin/pages/{page.pk}/edit/preview/"
    client.post(url, {"title": "About", "slug": "about", "intro": "", "body-count": "0"})
    directives = policy(client.get(f"{url}?in_preview_panel=true"))
    assert directives["frame-ancestors"] == {"'self'"}
    assert directives["img-src"] == {"'self'"}
    assert any(value.startswith("'nonce-") for value in directives["script-src"])


def test_csp_the_admin_has_its_own_policy(client, editor):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(editor, generate_totp_secret())
    client.force_login(editor)
    response = client.get("/admin/")
    directives = policy(response)
    assert directives["object-src"] == {"'none'"}
    assert directives["base-uri"] == {"'none'"}
    assert directives["frame-ancestors"] == {"'none'"}
    assert directives["script-src"] == {"'self'", "'unsafe-inline'"}  # Wagtail's inline scripts
    assert directives["form-action"] == {"'self'"}
    assert "Permissions-Policy" in response
    # Nothing leaves the site from the admin either.
    for values in directives.values():
        assert not any(value.startswith(("http:", "https:", "*")) for value in values)
