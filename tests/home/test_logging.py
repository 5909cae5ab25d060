"""Security events are logged with time, user id and request id (home.logging), and the logs
never hold passwords, codes, tokens, email addresses or bodies, restricted content or IPs."""

import logging

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from forum.factories import CategoryFactory, make_topic
from partners.factories import DEFAULT_PASSWORD, MembershipFactory
from partners.models import Audience

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
SECRET_PASSWORD = "Wr0ng-but-Secret-Pa55"
CLIENT_ADDRESS = "203.0.113.77"


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger="gpe.security")
    return caplog


def events(caplog, name):
    return [r for r in caplog.records if r.name == "gpe.security" and r.event == name]


def assert_nothing_secret(caplog, *secrets):
    """Neither the formatted lines nor any value a handler could write (the request object a
    Django record carries is for handlers that report errors, none of which is configured)."""
    values = [
        str(value)
        for record in caplog.records
        for value in record.__dict__.values()
        if isinstance(value, str | int | tuple | dict)
    ]
    text = caplog.text + " ".join(values)
    for secret in (SECRET_PASSWORD, DEFAULT_PASSWORD, CLIENT_ADDRESS, *secrets):
        assert secret not in text, secret


def test_logging_sign_in_and_failure(client, home_page, member, security_log):
    client.post(
        LOGIN, {"login": member.email, "password": SECRET_PASSWORD}, REMOTE_ADDR=CLIENT_ADDRESS
    )
    response = client.post(
        LOGIN, {"login": member.email, "password": DEFAULT_PASSWORD}, REMOTE_ADDR=CLIENT_ADDRESS
    )
    assert response.status_code == 302

    [failure] = events(security_log, "sign-in failed")
    [success] = events(security_log, "signed in")
    assert failure.user_id == success.user_id == member.pk
    assert failure.request_id and success.request_id and failure.request_id != success.request_id
    assert failure.created and success.created  # the time of each record
    assert response["X-Request-ID"] == success.request_id
    assert_nothing_secret(security_log, member.email)


def test_logging_failure_for_an_unknown_address_names_nobody(client, home_page, security_log):
    client.post(LOGIN, {"login": "nobody@example.org", "password": SECRET_PASSWORD})
    [failure] = events(security_log, "sign-in failed")
    assert failure.user_id is None
    assert_nothing_secret(security_log, "nobody@example.org")


def test_logging_second_factor_failure_keeps_no_code(client, home_page, member, security_log):
    TOTP.activate(member, generate_totp_secret())
    client.post(LOGIN, {"login": member.email, "password": DEFAULT_PASSWORD})
    client.post("/en/accounts/2fa/authenticate/", {"code": "314159"})
    [failure] = events(security_log, "second factor failed")
    assert failure.user_id == member.pk
    assert not events(security_log, "signed in")
    assert_nothing_secret(security_log, "314159")


def test_logging_denials_name_the_route_not_the_content(client_for, home_page, security_log):
    category = CategoryFactory(name="Closed", slug="closed-room", audience=Audience.MEMBERS)
    author = MembershipFactory(user__username="writer").user
    topic = make_topic(category, author, title="Safe house in Nairobi", markdown="Address here")
    outsider = MembershipFactory(user__username="outsider2").user
    outsider.memberships.all().delete()
    client = client_for(outsider)
    assert client.get(topic.get_absolute_url()).status_code == 404
    [denied] = events(security_log, "denied")
    assert denied.user_id == outsider.pk and denied.status == 404
    assert denied.route == "en/forum/t/<id:pk>/<str:slug>/"
    assert_nothing_secret(security_log, "safe-house", "Safe house", "Nairobi", "Address here")


def test_logging_request_id_on_every_response(client, home_page):
    first, second = client.get("/en/"), client.get("/en/")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


# --- No address kept beyond the rate-limit window ---------------------------------------------


def _cached(cache):
    """Every key and stored value in the local-memory cache, as text and bytes."""
    return list(cache._cache.items())


def test_logging_rate_limits_keep_no_address_and_forget_it_after_the_window(client, home_page):
    import time_machine
    from django.core.cache import cache
    from django.utils import timezone

    from home import ratelimit

    for _attempt in range(3):  # allauth's limits, per client and per account
        client.post(LOGIN, {"login": "x@example.org", "password": "x"}, REMOTE_ADDR=CLIENT_ADDRESS)
    assert ratelimit.allow(f"policy-feedback:ip:{CLIENT_ADDRESS}", limit=5, period=300)

    entries = _cached(cache)
    limits = [key for key, _value in entries if key.startswith(":1:rl:")]
    assert len(limits) >= 3  # the limits are counted...
    for key, value in entries:  # ... and nothing in the cache names the client
        assert CLIENT_ADDRESS not in key and CLIENT_ADDRESS.encode() not in value
    # The same client still finds its own counter: a sixth attempt in the window is refused.
    for _attempt in range(4):
        ratelimit.allow(f"policy-feedback:ip:{CLIENT_ADDRESS}", limit=5, period=300)
    assert not ratelimit.allow(f"policy-feedback:ip:{CLIENT_ADDRESS}", limit=5, period=300)

    # After the longest window used here (5 minutes) no entry about the client is left.
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=5, seconds=1)):
        assert all(cache._has_expired(key) for key in limits)
        assert ratelimit.allow(f"policy-feedback:ip:{CLIENT_ADDRESS}", limit=5, period=300)


def test_logging_sessions_keep_no_address(client, home_page, member):
    from allauth.usersessions.models import UserSession
    from django.contrib.sessions.models import Session

    client.post(
        LOGIN, {"login": member.email, "password": DEFAULT_PASSWORD}, REMOTE_ADDR=CLIENT_ADDRESS
    )
    assert Session.objects.count() == 1
    assert all(CLIENT_ADDRESS not in str(s.get_decoded()) for s in Session.objects.all())
    assert not UserSession.objects.filter(ip=CLIENT_ADDRESS).exists()


# --- Reset tokens and invitation keys ---------------------------------------------------------


@pytest.fixture
def every_log(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def test_logging_password_reset_token_and_new_password_never_logged(
    client, home_page, member, every_log
):
    import re

    from django.core import mail

    client.post("/en/accounts/password/reset/", {"email": member.email}, REMOTE_ADDR=CLIENT_ADDRESS)
    (message,) = mail.outbox
    link = re.search(r"http://testserver(/en/accounts/password/reset/key/(\S+)/)", message.body)
    path, token = link.group(1), link.group(2)
    response = client.get(path, REMOTE_ADDR=CLIENT_ADDRESS)
    assert response.status_code == 302  # allauth moves the key into the session
    new_password = "An-entirely-new-Passphrase-77"
    response = client.post(
        response["Location"],
        {"password1": new_password, "password2": new_password},
        REMOTE_ADDR=CLIENT_ADDRESS,
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(new_password)
    # A tampered link: an error page, and still nothing of the token in the logs.
    client.get(path.replace(token, token[:-4] + "abcd"), REMOTE_ADDR=CLIENT_ADDRESS)
    # A page that does not exist with the token in its path: the 404 is logged, by route.
    assert client.get(f"/en/{token}/", REMOTE_ADDR=CLIENT_ADDRESS).status_code == 404

    assert [r for r in every_log.records if r.name == "django.request"]
    key = token.split("-", 1)[1]
    assert_nothing_secret(every_log, token, key, new_password, member.email, message.body[:40])


def test_logging_invitation_key_never_logged(client, home_page, every_log):
    import re

    from django.core import mail

    from partners import services
    from partners.factories import OrganisationFactory

    services.invite(email="newcomer@example.org", organisation=OrganisationFactory())
    (message,) = mail.outbox
    key = re.search(r"/partners/invitations/([\w-]+)/", message.body).group(1)
    assert client.get(f"/en/partners/invitations/{key}/").status_code in (200, 302)
    assert client.get(f"/en/partners/invitations/{key[:-3]}xyz/").status_code == 404
    password = "Invited-and-Secret-99"
    client.post(
        "/en/accounts/signup/",
        {"email": "newcomer@example.org", "password1": password, "password2": password},
        REMOTE_ADDR=CLIENT_ADDRESS,
    )

    assert [r for r in every_log.records if r.name in ("django.request", "gpe.security")]
    assert_nothing_secret(every_log, key, key[:-3], password, "newcomer@example.org")
