"""Failed sign-ins are counted per account and per client address, and the client's address is
the real one behind the proxy (GPE_TRUSTED_PROXY_COUNT) or the connection's when direct."""

import pytest
from django.core.checks import Warning as CheckWarning
from django.test import Client, RequestFactory

from home.checks import forwarded_headers_check
from home.ratelimit import client_ip
from partners.factories import DEFAULT_PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
PROXY = "10.0.0.1"


def sign_in(client, user, password=DEFAULT_PASSWORD, **headers):
    response = client.post(LOGIN, {"login": user.email, "password": password}, **headers)
    signed_in = client.session.get("_auth_user_id") == str(user.pk)
    client.logout()
    return signed_in, response


def refused_as_too_many(response):
    return "too many" in response.content.decode().lower()


@pytest.fixture
def members(db):
    return [MembershipFactory(user__username=f"limited{n}").user for n in range(3)]


def test_sign_in_limits_behind_a_proxy_count_each_client(settings, home_page, members):
    settings.GPE_TRUSTED_PROXY_COUNT = 1
    target, other, third = members
    # The proxy appends the address it saw; a client may send a forged header before it.
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.1, 203.0.113.5"}
    colleague = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    for _ in range(5):
        assert sign_in(Client(), target, "wrong-password", **attacker)[0] is False

    # Another client, behind the same proxy, signs in as usual.
    assert sign_in(Client(), other, **colleague)[0] is True
    # The attacker's address is refused, whatever account it tries next,
    signed_in, response = sign_in(Client(), third, **attacker)
    assert signed_in is False and refused_as_too_many(response)
    # and so is the attacked account, from anywhere, until the window ends.
    signed_in, response = sign_in(Client(), target, **colleague)
    assert signed_in is False and refused_as_too_many(response)


def test_sign_in_limits_direct_ignore_forwarded_headers(settings, home_page, members):
    settings.GPE_TRUSTED_PROXY_COUNT = 0
    target, other, third = members
    for n in range(5):
        forged = {"REMOTE_ADDR": "203.0.113.5", "HTTP_X_FORWARDED_FOR": f"192.0.2.{n}"}
        assert sign_in(Client(), target, "wrong-password", **forged)[0] is False
    # A forged header does not make a new client of the same connection,
    signed_in, response = sign_in(
        Client(), third, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="192.0.2.99"
    )
    assert signed_in is False and refused_as_too_many(response)
    # and another connection is not locked out.
    assert sign_in(Client(), other, REMOTE_ADDR="198.51.100.7")[0] is True


@pytest.mark.parametrize(
    "count, header, meta, expected",
    [
        (0, "", {"REMOTE_ADDR": "203.0.113.5", "HTTP_X_FORWARDED_FOR": "192.0.2.1"}, "203.0.113.5"),
        (
            1,
            "",
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.1, 203.0.113.5"},
            "203.0.113.5",
        ),
        (
            2,
            "",
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.1, 203.0.113.5, 10.0.0.2"},
            "203.0.113.5",
        ),
        # Fewer entries than proxies: the request did not come through them all.
        (2, "", {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "192.0.2.1"}, "203.0.113.9"),
        (1, "", {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "not-an-address"}, PROXY),
        (1, "", {"REMOTE_ADDR": PROXY}, PROXY),
        (1, "X-Real-IP", {"REMOTE_ADDR": PROXY, "HTTP_X_REAL_IP": "2001:db8::1"}, "2001:db8::1"),
        # A client IP header is trusted only with a proxy in front to overwrite it.
        (
            0,
            "X-Real-IP",
            {"REMOTE_ADDR": "203.0.113.5", "HTTP_X_REAL_IP": "192.0.2.1"},
            "203.0.113.5",
        ),
    ],
)
def test_sign_in_limits_client_address(settings, count, header, meta, expected):
    settings.GPE_TRUSTED_PROXY_COUNT = count
    settings.GPE_TRUSTED_CLIENT_IP_HEADER = header
    request = RequestFactory().get("/", **meta)
    assert client_ip(request) == expected


def test_sign_in_limits_allauth_uses_the_same_address(settings, rf):
    from allauth.account.adapter import get_adapter

    settings.GPE_TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert get_adapter(request).get_client_ip(request) == "203.0.113.5"


def test_sign_in_limits_deploy_check_warns_of_a_forwarded_header_without_proxies(settings):
    settings.GPE_TRUSTED_PROXY_COUNT = 0
    settings.GPE_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    warnings = forwarded_headers_check(None)
    assert {warning.id for warning in warnings} == {"gpe.W002", "gpe.W003"}
    assert all(isinstance(warning, CheckWarning) for warning in warnings)

    settings.GPE_TRUSTED_PROXY_COUNT = 1
    assert forwarded_headers_check(None) == []
    settings.GPE_TRUSTED_PROXY_COUNT = 0
    settings.GPE_TRUSTED_CLIENT_IP_HEADER = ""
    settings.SECURE_PROXY_SSL_HEADER = None
    assert forwarded_headers_check(None) == []
