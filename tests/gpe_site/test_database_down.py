"""A dropped database connection: a clean 503 page in the visitor's language, rendered without
the database, and the next request works."""

import pytest
from django.db import InterfaceError, OperationalError, connections
from django.test import Client
from django.utils import translation

from forum.factories import CategoryFactory, make_topic
from partners.models import Audience

pytestmark = pytest.mark.django_db

UNAVAILABLE = {
    "en": "The site is briefly unavailable",
    "fr": "Le site est momentanément indisponible",
    "es": "El sitio no está disponible por un momento",
    "ar": "الموقع غير متاح لبرهة",
}


@pytest.fixture
def drop_database(monkeypatch):
    """``drop_database(error)``: every later attempt to use the connection raises ``error``,
    as a database server that went away does; ``drop_database(None)`` brings it back."""
    connection = connections["default"]
    original = connection.ensure_connection

    def drop(error):
        if error is None:
            monkeypatch.setattr(connection, "ensure_connection", original)
            return

        def unreachable():
            raise error

        monkeypatch.setattr(connection, "ensure_connection", unreachable)

    return drop


@pytest.mark.parametrize("code", ["en", "fr", "es", "ar"])
@pytest.mark.parametrize(
    "error",
    [
        OperationalError("server closed the connection unexpectedly"),
        InterfaceError("connection already closed"),
    ],
    ids=["operational", "interface"],
)
def test_database_down_gives_a_503_page_then_the_next_request_works(
    site, drop_database, code, error
):
    client = Client(raise_request_exception=False)
    assert client.get(f"/{code}/").status_code == 200

    drop_database(error)
    response = client.get(f"/{code}/")
    drop_database(None)

    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert UNAVAILABLE[code] in body
    assert f'<html lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}">' in body
    assert 'href="/static/css/gpe.css"' in body  # the site's own style, without its chrome
    assert "Content-Security-Policy" in response  # the error page gets the headers too

    assert client.get(f"/{code}/").status_code == 200


def test_database_down_for_a_signed_in_member_on_a_forum_topic(site, member, drop_database):
    """The session is read from the database before any view runs: the member gets the same
    page, not a 500, and is still signed in afterwards."""
    topic = make_topic(CategoryFactory(audience=Audience.MEMBERS), member, title="Still here")
    client = Client(raise_request_exception=False)
    client.force_login(member)
    with translation.override("en"):
        url = topic.get_absolute_url()

    drop_database(OperationalError("could not connect to server"))
    response = client.get(url)
    drop_database(None)

    assert response.status_code == 503
    assert UNAVAILABLE["en"] in response.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert "Still here" in response.content.decode()


def test_database_down_a_bug_is_still_a_500(site, monkeypatch):
    """Only a lost database is a 503: other errors keep the 500 page (and reach the logs as
    such)."""
    from wagtail.models import Page

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(Page, "serve", broken)
    response = Client(raise_request_exception=False).get("/en/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
