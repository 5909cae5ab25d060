"""Sessions: MFA for every staff role and for members of organisations that require it;
password, email and MFA changes end the person's other sessions; sessions last 12 hours of
inactivity; "sign out everywhere else" on the account page; no IP address kept."""

import datetime

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import hotp_value, yield_hotp_counters_from_time
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client

from partners.factories import DEFAULT_PASSWORD, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
ACTIVATE = "/en/accounts/2fa/totp/activate/"


def totp_code(secret):
    counter = next(iter(yield_hotp_counters_from_time()))
    return f"{hotp_value(secret, counter):06d}"


def signed_in(user, *, secret=None) -> Client:
    """A new browser that signed in through allauth (password, then the second factor)."""
    client = Client()
    response = client.post(LOGIN, {"login": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    if secret:
        client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert client.session.get("_auth_user_id") == str(user.pk)
    return client


def is_signed_in(client) -> bool:
    return client.get("/en/partners/account/").status_code == 200


# --- MFA -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["Moderators", "Editors", "Event organisers", "staff", "superuser"]
)
def test_sessions_every_staff_role_must_enrol_mfa(home_page, role):
    user = UserFactory(
        username="staffer", is_staff=role == "staff", is_superuser=role == "superuser"
    )
    if role in settings.GPE_STAFF_GROUPS:
        user.groups.add(Group.objects.get(name=role))
    client = signed_in(user)
    for url in ("/en/", "/en/forum/", "/en/partners/account/", "/admin/"):
        assert client.get(url)["Location"] == ACTIVATE, url


def test_sessions_an_organisation_can_require_mfa_of_its_members(home_page):
    strict = OrganisationFactory(name="Strict", require_mfa=True)
    relaxed = OrganisationFactory(name="Relaxed")
    member = MembershipFactory(user__username="strict", organisation=strict).user
    other = MembershipFactory(user__username="relaxed", organisation=relaxed).user

    client = signed_in(member)
    assert client.get("/en/forum/")["Location"] == ACTIVATE
    assert client.get("/en/accounts/logout/").status_code == 200  # sign-out stays open
    assert is_signed_in(signed_in(other))

    # Enrolling a second factor opens the site.
    client.post("/en/accounts/reauthenticate/", {"password": DEFAULT_PASSWORD})
    client.get(ACTIVATE)
    client.post(ACTIVATE, {"code": totp_code(client.session["mfa.totp.secret"])})
    assert client.get("/en/forum/").status_code == 200


def test_sessions_organisation_mfa_costs_members_no_query(client, home_page, member):
    """The rule is read with the session's user (partners.backends): one query, as before."""
    client.force_login(member)
    user = client.get("/en/").wsgi_request.user
    assert user.gpe_mfa_required is False


# --- Changes end the other sessions ----------------------------------------------------------


@pytest.fixture
def two_browsers(home_page, member):
    return signed_in(member), signed_in(member)


def test_sessions_password_change_ends_the_other_sessions(two_browsers, member):
    here, elsewhere = two_browsers
    response = here.post(
        "/en/accounts/password/change/",
        {
            "oldpassword": DEFAULT_PASSWORD,
            "password1": "a-new-pass-42x",
            "password2": "a-new-pass-42x",
        },
    )
    assert response.status_code == 302
    assert is_signed_in(here) and not is_signed_in(elsewhere)


def test_sessions_email_change_ends_the_other_sessions(two_browsers, member):
    here, elsewhere = two_browsers
    response = here.post("/en/accounts/email/", {"action_add": "", "email": "new@example.org"})
    assert response.status_code == 302
    assert is_signed_in(here) and not is_signed_in(elsewhere)


def test_sessions_mfa_change_ends_the_other_sessions(
    two_browsers, member, django_capture_on_commit_callbacks
):
    here, elsewhere = two_browsers
    here.post("/en/accounts/reauthenticate/", {"password": DEFAULT_PASSWORD})
    here.get(ACTIVATE)
    # allauth announces a new factor once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = here.post(ACTIVATE, {"code": totp_code(here.session["mfa.totp.secret"])})
    assert response.status_code == 302
    assert is_signed_in(here) and not is_signed_in(elsewhere)


def test_sessions_sign_out_everywhere_else_from_the_account_page(two_browsers, member):
    here, elsewhere = two_browsers
    page = here.get("/en/partners/account/").content.decode()
    assert 'action="/en/accounts/sessions/"' in page
    response = here.post("/en/accounts/sessions/")
    assert response.status_code == 302
    assert is_signed_in(here) and not is_signed_in(elsewhere)


def test_sessions_keep_no_ip_address(home_page, member):
    from allauth.usersessions.models import UserSession

    signed_in(member)
    client = Client(REMOTE_ADDR="203.0.113.77")
    client.post(LOGIN, {"login": member.email, "password": DEFAULT_PASSWORD})
    assert UserSession.objects.filter(user=member).count() == 2
    assert set(UserSession.objects.values_list("ip", flat=True)) == {"0.0.0.0"}  # noqa: S104
    assert "203.0.113.77" not in client.get("/en/accounts/sessions/").content.decode()


# --- Lifetime ---------------------------------------------------------------------------------


def test_sessions_last_twelve_hours_of_inactivity(home_page, member):
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60 < 14 * 24 * 60 * 60
    start = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        client = signed_in(member)
        for _ in range(3):  # in use all day and into the night: it slides
            clock.shift(datetime.timedelta(hours=11))
            assert is_signed_in(client)
        clock.shift(datetime.timedelta(hours=12, minutes=1))  # left alone overnight
        assert not is_signed_in(client)
