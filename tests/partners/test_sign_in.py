"""One door: every sign-in goes through allauth, with verification, MFA and rate limits."""

import time

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import get_user_model
from django.core import mail

from partners.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"


@pytest.fixture(autouse=True)
def _steady_clock():
    """The clock stands still in the middle of a 30-second TOTP window: a code made just
    before the window turns would be refused just after (a rare, real flake)."""
    now = time.time()
    with time_machine.travel(now - now % 30 + 15, tick=False):
        yield


def totp_code(secret):
    counter = next(iter(yield_hotp_counters_from_time()))
    return f"{hotp_value(secret, counter):06d}"


def sign_in(client, email, password=DEFAULT_PASSWORD, path=LOGIN):
    return client.post(path, {"login": email, "password": password})


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_sign_in_by_email_and_password(client, home_page, member):
    response = sign_in(client, member.email)
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(member.pk)


def test_sign_in_wrong_password_gives_no_session(client, home_page, member):
    response = sign_in(client, member.email, "not-the-password")
    assert response.status_code == 200
    assert signed_in_user_id(client) is None


def test_sign_in_refused_until_the_email_is_verified(client, home_page):
    user = UserFactory(username="unverified", verified=False)
    response = sign_in(client, user.email)
    assert signed_in_user_id(client) is None
    assert response["Location"] == "/en/accounts/confirm-email/"
    # allauth sent a fresh verification link instead.
    assert any(user.email in message.to for message in mail.outbox)
    EmailAddress.objects.filter(user=user).update(verified=True)
    sign_in(client, user.email)
    assert signed_in_user_id(client) == str(user.pk)


def test_sign_up_closed_without_an_invitation(client, home_page):
    response = client.get("/en/accounts/signup/")
    assert "Sign-up is by invitation" in response.content.decode()
    client.post(
        "/en/accounts/signup/",
        {
            "email": "stranger@example.org",
            "password1": "a-long-pass-9",
            "password2": "a-long-pass-9",
        },
    )
    assert not get_user_model().objects.filter(email="stranger@example.org").exists()


def test_sign_in_with_totp_needs_the_second_factor(client, home_page, member):
    secret = generate_totp_secret()
    TOTP.activate(member, secret)

    response = sign_in(client, member.email)
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert signed_in_user_id(client) is None

    client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})
    assert signed_in_user_id(client) is None

    client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert signed_in_user_id(client) == str(member.pk)


def test_sign_in_mfa_secret_is_encrypted_at_rest(member):
    secret = generate_totp_secret()
    TOTP.activate(member, secret)
    stored = Authenticator.objects.get(user=member, type=Authenticator.Type.TOTP).data["secret"]
    assert secret not in stored
    assert stored.startswith("fernet:")
    assert TOTP(Authenticator.objects.get(user=member, type="totp")).validate_code(
        totp_code(secret)
    )


@pytest.mark.parametrize("path", ["/admin/login/", "/en/accounts/login/"])
def test_sign_in_no_route_skips_the_second_factor(client, home_page, superuser, path):
    secret = generate_totp_secret()
    TOTP.activate(superuser, secret)

    response = sign_in(client, superuser.email, path=path)

    assert signed_in_user_id(client) is None
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 302  # still outside the admin


def test_sign_in_wagtail_admin_login_is_routed_to_allauth(client, home_page):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=%2Fadmin%2Fpages%2F"
    # An unauthenticated visit to the admin ends at allauth's sign-in as well.
    assert client.get("/admin/")["Location"].startswith("/en/accounts/login/")


def test_sign_in_admin_login_refuses_an_offsite_next(client, home_page):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == "/en/accounts/login/?next=%2Fadmin%2F"


def test_sign_in_rate_limited_after_repeated_failures(client, home_page, member):
    for _ in range(5):
        sign_in(client, member.email, "wrong-password")
    response = sign_in(client, member.email)  # even the right password is refused now
    assert signed_in_user_id(client) is None
    assert response.status_code in (200, 429)
    assert "too many" in response.content.decode().lower()


def test_sign_in_password_reset_does_not_reveal_accounts(client, home_page, member):
    known = client.post("/en/accounts/password/reset/", {"email": member.email})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_sign_in_staff_must_enrol_mfa_before_anything_else(client, home_page, editor):
    sign_in(client, editor.email)
    assert client.get("/en/")["Location"] == "/en/accounts/2fa/totp/activate/"
    assert client.get("/admin/")["Location"] == "/en/accounts/2fa/totp/activate/"

    # allauth asks for the password again before enrolling a factor.
    assert client.get("/en/accounts/2fa/totp/activate/")["Location"].startswith(
        "/en/accounts/reauthenticate/"
    )
    client.post("/en/accounts/reauthenticate/", {"password": DEFAULT_PASSWORD})
    page = client.get("/en/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=editor, type="totp").exists()
    assert client.get("/en/").status_code == 200


def test_sign_in_members_are_not_forced_to_enrol_mfa(client, home_page, member):
    client.force_login(member)
    assert client.get("/en/").status_code == 200


def test_sign_in_security_keys_can_be_added(client, home_page, member):
    sign_in(client, member.email)
    client.post("/en/accounts/reauthenticate/", {"password": DEFAULT_PASSWORD})
    response = client.get("/en/accounts/2fa/webauthn/add/")
    assert response.status_code == 200
    assert 'name="credential"' in response.content.decode()


@pytest.mark.parametrize("group", ["Moderators", "Editors", "Event organisers"])
def test_sign_in_staff_groups_reach_the_admin_after_mfa(client, home_page, group):
    from django.contrib.auth.models import Group

    user = UserFactory(username="staffer")
    user.groups.add(Group.objects.get(name=group))  # made by a migration on every installation
    TOTP.activate(user, secret := generate_totp_secret())
    sign_in(client, user.email)
    client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert client.get("/admin/").status_code == 200


# --- The language the person was using survives every allauth redirect ------------------------


@pytest.mark.parametrize("lang", ["ar", "fr", "es"])
def test_sign_in_returns_to_the_home_page_in_the_reading_language(client, home_page, member, lang):
    response = sign_in(client, member.email, path=f"/{lang}/accounts/login/")
    assert response["Location"] == f"/{lang}/"


def test_sign_in_keeps_a_next_address(client, home_page, member):
    response = client.post(
        "/ar/accounts/login/?next=/ar/forum/",
        {"login": member.email, "password": DEFAULT_PASSWORD},
    )
    assert response["Location"] == "/ar/forum/"


def test_sign_in_second_factor_keeps_the_language(client, home_page, member):
    secret = generate_totp_secret()
    TOTP.activate(member, secret)

    response = sign_in(client, member.email, path="/ar/accounts/login/")
    assert response["Location"] == "/ar/accounts/2fa/authenticate/"
    response = client.post("/ar/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response["Location"] == "/ar/"


def test_sign_out_keeps_the_language(client, home_page, member):
    client.force_login(member)
    response = client.post("/es/accounts/logout/")
    assert response["Location"] == "/es/"


def test_password_reset_keeps_the_language(client, home_page, member):
    import re

    response = client.post("/fr/accounts/password/reset/", {"email": member.email})
    assert response["Location"] == "/fr/accounts/password/reset/done/"
    link = re.search(
        r"http://testserver(/\w\w/accounts/password/reset/key/\S+/)", mail.outbox[-1].body
    )
    assert link and link.group(1).startswith("/fr/")
    form = client.get(link.group(1), follow=True)
    response = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link.group(1),
        {"password1": "another-long-passphrase-77", "password2": "another-long-passphrase-77"},
    )
    assert response["Location"] == "/fr/accounts/password/reset/key/done/"
