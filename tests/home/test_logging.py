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
