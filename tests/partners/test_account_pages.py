"""allauth's pages in the site's templates and words: the site's layout, the error summary
tied to its fields, no "sign up" (accounts are by invitation) and no button for a second
factor the person has not set up."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail

from partners.factories import DEFAULT_PASSWORD
from partners.templatetags.partners_tags import has_security_key

pytestmark = pytest.mark.django_db

SIGN_UP = re.compile(r"sign[ -]?up", re.IGNORECASE)


def _main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _buttons(html):
    """(class, text) of every button or button-styled link."""
    found = re.findall(r'<button class="([^"]*)"[^>]*>\s*(.*?)\s*</button>', html, re.S)
    found += re.findall(r'<a class="(button[^"]*)"[^>]*>\s*(.*?)\s*</a>', html, re.S)
    return found


def _primary(html):
    return [text for kind, text in _buttons(html) if kind.split() == ["button"]]


@pytest.mark.parametrize(
    "url",
    [
        "/en/accounts/login/",
        "/en/accounts/password/reset/",
        "/en/accounts/password/reset/done/",
        "/en/accounts/password/reset/key/1-bad/",
        "/en/accounts/confirm-email/bad-key/",
    ],
)
def test_account_entrance_pages_speak_the_sites_words(client, home_page, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200
    main = _main(response)
    assert not SIGN_UP.search(main), url
    assert (
        'class="site-header' in response.content.decode() or "<header" in response.content.decode()
    )
    assert len(_primary(main)) <= 1, url


def test_account_password_reset_errors_are_summarised_and_tied_to_the_field(client, home_page):
    response = client.post("/en/accounts/password/reset/", {"email": "not an address"})
    main = _main(response)
    assert 'class="error-summary"' in main
    assert '<a href="#id_email">' in main
    assert 'aria-invalid="true"' in main
    assert main.index('class="error-summary"') < main.index('name="email"')


def test_account_password_reset_for_an_unknown_address_does_not_offer_sign_up(
    client, home_page, settings
):
    client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "by invitation" in body
    assert not SIGN_UP.search(body)


def test_account_mfa_step_offers_only_the_enrolled_methods(client, home_page, member):
    TOTP.activate(member, generate_totp_secret())
    client.post("/en/accounts/login/", {"login": member.email, "password": DEFAULT_PASSWORD})
    main = _main(client.get("/en/accounts/2fa/authenticate/"))
    assert _primary(main) == ["Continue"]
    assert "security key" not in main.lower()
    assert '<label for="id_code">' in main


def test_account_security_key_is_offered_only_once_enrolled(member):
    assert not has_security_key(member)
    Authenticator.objects.create(user=member, type=Authenticator.Type.WEBAUTHN, data={})
    assert has_security_key(member)
    assert not has_security_key(None)


def test_account_mfa_overview_has_one_primary_action(client, home_page, member):
    client.force_login(member)
    main = _main(client.get("/en/accounts/2fa/"))
    assert _primary(main) == ["Set up an authenticator app"]
    TOTP.activate(member, generate_totp_secret())
    main = _main(client.get("/en/accounts/2fa/"))
    assert _primary(main) == []
    assert "Recovery codes" in main


def test_account_sign_out_page_is_the_sites(client, home_page, member):
    client.force_login(member)
    main = _main(client.get("/en/accounts/logout/"))
    assert "Sign out of GPE on this device?" in main
    assert _primary(main) == ["Sign out"]
