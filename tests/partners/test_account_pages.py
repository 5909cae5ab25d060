"""allauth's pages in the site's templates and words: the site's layout, the error summary
tied to its fields, no "sign up" (accounts are by invitation) and no button for a second
factor the person has not set up."""

import re
import time

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.internal.userkit import user_id_to_str
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
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


def _recently_signed_in(client, user):
    """force_login leaves no record of how the person signed in, so allauth would ask them to
    confirm it is them; this writes the record its sign-in writes (a password, just now)."""
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = user_id_to_str(user)
    session.save()


def _with_mfa(member):
    TOTP.activate(member, generate_totp_secret())
    return RecoveryCodes.activate(member)


def _security_key(member, name="Blue key"):
    return Authenticator.objects.create(
        user=member, type=Authenticator.Type.WEBAUTHN, data={"name": name, "credential": {}}
    )


def test_account_recovery_codes_page_says_keep_them_offline_and_each_works_once(
    client, home_page, member
):
    codes = _with_mfa(member)
    _recently_signed_in(client, member)
    main = _main(client.get("/en/accounts/2fa/recovery-codes/"))
    assert "Your recovery codes" in main
    assert "Keep them offline" in main
    assert "Each code works once" in main
    assert "&#10;".join(codes.get_unused_codes()) in main  # one a line
    assert _primary(main) == ["Download the codes"]
    assert "Recovery Codes" not in main


def test_account_recovery_codes_download_and_generate_speak_the_sites_words(
    client, home_page, member
):
    codes = _with_mfa(member)
    _recently_signed_in(client, member)
    download = client.get("/en/accounts/2fa/recovery-codes/download/").content.decode()
    assert download.startswith("GPE recovery codes. Each code works once. Keep this offline")
    assert codes.get_unused_codes()[0] in download
    main = _main(client.get("/en/accounts/2fa/recovery-codes/generate/"))
    assert "Your current recovery codes will stop working." in main
    assert "csrfmiddlewaretoken" in main
    assert "Are you sure?" not in main
    assert "Recovery Codes" not in main
    assert _primary(main) == []  # the one action destroys the old codes: it is red
    assert [text for kind, text in _buttons(main) if "button--danger" in kind] == ["Make new codes"]


def test_account_security_key_pages_speak_the_sites_words(client, home_page, member):
    _with_mfa(member)
    _recently_signed_in(client, member)
    # Adding asks the browser to leave out the keys already added (their real credentials):
    # before this test's stand-in key exists.
    main = _main(client.get("/en/accounts/2fa/webauthn/add/"))
    assert "Add a security key" in main and "Add Security Key" not in main
    assert "csrfmiddlewaretoken" in main and 'id="mfa_webauthn_add"' in main
    assert _primary(main) == ["Add the key"]
    key = _security_key(member)
    main = _main(client.get("/en/accounts/2fa/webauthn/"))
    assert "Your security keys" in main and "Blue key" in main
    assert "Security Keys" not in main
    assert _primary(main) == ["Add a security key"]
    assert f'href="/en/accounts/2fa/webauthn/keys/{key.pk}/edit/"' in main

    main = _main(client.get(f"/en/accounts/2fa/webauthn/keys/{key.pk}/edit/"))
    assert "Rename a security key" in main and "Edit Security Key" not in main
    assert 'name="name"' in main
    assert _primary(main) == ["Save"]

    main = _main(client.get(f"/en/accounts/2fa/webauthn/keys/{key.pk}/remove/"))
    assert "Remove a security key" in main and "Remove Security Key" not in main
    assert "Blue key" in main and "csrfmiddlewaretoken" in main


def test_account_reauthentication_asks_in_the_sites_words(client, home_page, member):
    _with_mfa(member)
    client.force_login(member)  # no record of a recent sign-in: allauth asks again
    response = client.get("/en/accounts/2fa/recovery-codes/", follow=True)
    main = _main(response)
    assert response.redirect_chain[-1][0].startswith("/en/accounts/reauthenticate/")
    assert "Confirm it is you" in main and "Confirm Access" not in main
    assert 'name="password"' in main and "csrfmiddlewaretoken" in main
    assert _primary(main) == ["Continue"]
    assert "Or confirm another way" in main  # the authenticator app, as a secondary link

    response = client.get("/en/accounts/2fa/reauthenticate/")
    main = _main(response)
    assert "Confirm it is you" in main and "Enter an authenticator code" not in main
    assert '<label for="id_code">' in main
    assert _primary(main) == ["Continue"]


def test_account_email_page_speaks_the_sites_words(client, home_page, member):
    _recently_signed_in(client, member)
    main = _main(client.get("/en/accounts/email/"))
    assert "Your email addresses" in main and "Email Addresses" not in main
    assert member.email in main
    assert 'name="action_primary"' in main and 'name="action_remove"' in main
    assert "csrfmiddlewaretoken" in main
    assert _primary(main) == ["Add the address"]
    assert not SIGN_UP.search(main)
