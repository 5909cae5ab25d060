"""Language prefixes, the language switcher, right-to-left Arabic, error pages."""

import re

import pytest
from django.test import RequestFactory
from django.utils import translation

from gpe_site.views import server_error
from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

NOT_FOUND = {
    "en": "Page not found",
    "fr": "Page introuvable",
    "es": "Página no encontrada",
    "ar": "الصفحة غير موجودة",
}
SERVER_ERROR = {
    "en": "Something went wrong",
    "fr": "Un problème est survenu",
    "es": "Algo salió mal",
    "ar": "حدث خطأ ما",
}


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def switcher_links(response):
    nav = re.search(
        r'<nav class="language-switcher".*?</nav>', response.content.decode(), re.S
    ).group(0)
    return {lang: url for url, lang in re.findall(r'<a href="([^"]+)" lang="(\w+)"', nav)}


@pytest.mark.parametrize(
    ("code", "direction"), [("en", "ltr"), ("fr", "ltr"), ("es", "ltr"), ("ar", "rtl")]
)
def test_languages_html_lang_and_dir_follow_the_prefix(client, translated_home, code, direction):
    response = client.get(f"/{code}/")
    assert html_tag(response) == f'<html lang="{code}" dir="{direction}">'


def test_languages_unprefixed_paths_redirect_to_the_browser_language(client, translated_home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")
    assert response["Location"] == "/ar/"


def test_languages_switcher_links_to_the_translation_of_the_page(client, translated_home):
    about = StandardPageFactory(parent=translated_home["en"], slug="about", title="About")
    french = about.copy_for_translation(translated_home["fr"].locale)
    french.title, french.slug = "À propos", "a-propos"
    french.save_revision().publish()

    links = switcher_links(client.get("/en/about/"))

    assert links["fr"] == "/fr/a-propos/"
    assert links["en"] == "/en/about/"
    # No Spanish or Arabic translation yet: the switcher says so in that language and offers
    # the translations there are (home.translations).
    assert links["es"] == f"/es/not-translated/{about.pk}/"
    assert links["ar"] == f"/ar/not-translated/{about.pk}/"


def test_languages_switcher_hides_unpublished_translations(client, translated_home):
    about = StandardPageFactory(parent=translated_home["en"], slug="about", title="About")
    draft = about.copy_for_translation(translated_home["fr"].locale)
    draft.slug = "brouillon"
    draft.save_revision()  # never published

    assert switcher_links(client.get("/en/about/"))["fr"] == f"/fr/not-translated/{about.pk}/"
    notice = client.get(f"/fr/not-translated/{about.pk}/").content.decode()
    main = notice[notice.index("<main") : notice.index("</main>")]
    assert 'hreflang="en"' in main
    assert "brouillon" not in notice and 'hreflang="fr"' not in main


def test_languages_switcher_on_views_that_are_not_pages(client, translated_home):
    links = switcher_links(client.get("/fr/accounts/login/"))
    assert links == {
        "en": "/en/accounts/login/",
        "fr": "/fr/accounts/login/",
        "es": "/es/accounts/login/",
        "ar": "/ar/accounts/login/",
    }


@pytest.mark.parametrize("code", ["en", "fr", "es", "ar"])
def test_languages_404_page_in_each_language(client, translated_home, code):
    response = client.get(f"/{code}/no-such-page/")
    assert response.status_code == 404
    assert NOT_FOUND[code] in response.content.decode()
    assert f'lang="{code}"' in html_tag(response)


@pytest.mark.parametrize("code", ["en", "fr", "es", "ar"])
def test_languages_500_page_in_each_language(code):
    request = RequestFactory().get(f"/{code}/")
    with translation.override(code):
        response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert SERVER_ERROR[code] in body
    assert f'<html lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}">' in body
