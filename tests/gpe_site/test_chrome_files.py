"""robots.txt, the sitemap of public pages, the favicon, the home page's title, and the site's
own 404 page under the development settings."""

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_robots_txt_keeps_crawlers_out_of_private_paths_and_names_the_sitemap(client, site):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in text and "Disallow: /*/accounts/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_public_pages_in_every_language_and_never_a_restricted_one(
    client, translated_home
):
    public = StandardPageFactory(parent=translated_home["en"], slug="about", title="About")
    members_only = StandardPageFactory(
        parent=translated_home["en"], slug="members-notes", title="Members' notes"
    )
    PageViewRestriction.objects.create(page=members_only, restriction_type="login")
    under_restriction = StandardPageFactory(parent=members_only, slug="inner", title="Inner")

    response = client.get("/sitemap.xml")
    xml = response.content.decode()

    assert response.status_code == 200
    assert "http://testserver/en/about/" in xml
    assert "http://testserver/ar/" in xml and "http://testserver/fr/" in xml
    assert public.slug in xml
    assert "members-notes" not in xml and under_restriction.slug not in xml


def test_favicon_ico_points_at_the_svg_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


def test_home_page_title_names_the_site_once(client, translated_home):
    english = client.get("/en/").content.decode()
    arabic = client.get("/ar/").content.decode()
    assert "<title>Global Partnership Exchange</title>" in english
    assert "<title>التبادل العالمي للشراكات</title>" in arabic


def test_other_pages_title_adds_the_site_name(client, translated_home):
    StandardPageFactory(parent=translated_home["en"], slug="about", title="About")
    assert (
        "<title>About · Global Partnership Exchange</title>"
        in client.get("/en/about/").content.decode()
    )


@override_settings(
    DEBUG=True,
    MIDDLEWARE=[
        *__import__("django.conf", fromlist=["settings"]).settings.MIDDLEWARE,
        "gpe_site.middleware.SiteNotFoundMiddleware",
    ],
)
def test_development_server_shows_the_sites_404_page(client, translated_home):
    response = client.get("/ar/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Go to the home page" not in body  # in Arabic, with the site's chrome
    assert 'dir="rtl"' in body and "quick-exit" in body
    assert "URLconf" not in body  # Django's debug page lists the URL patterns


def test_pages_are_sent_compressed_to_clients_that_accept_gzip(client, translated_home):
    import gzip

    plain = client.get("/en/")
    compressed = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert b"Global Partnership Exchange" in gzip.decompress(compressed.content)
    assert len(compressed.content) < len(plain.content) / 2
