"""A page with no translation in the reader's language keeps its menu item and says so, with
links to the languages it exists in; editors see which translations are missing or behind."""

import pytest
from wagtail.models import PageViewRestriction

from home.factories import AnnexPageFactory, StandardPageFactory
from home.policy.translation import translate_from
from home.translation_report import MISSING, NOT_LIVE, OUT_OF_DATE, UP_TO_DATE
from tests.home.conftest import publish_version

pytestmark = pytest.mark.django_db

# The admin's own: user, groups, MFA check, user and group permissions, Wagtail user profile,
# page permissions, locales for the admin, collection permissions, the explorer menu (10);
# the report's: other locales, count, pages, their translations, translation sources (5).
# (Translation logs are one more once wagtail-localize has synced a page.)
REPORT_QUERIES = 15


@pytest.fixture
def about(translated_home):
    page = StandardPageFactory(
        parent=translated_home["en"], slug="about", title="About", show_in_menus=True
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def french_about(about, locales):
    french = about.copy_for_translation(locales["fr"])
    french.title = "À propos"
    french.save_revision().publish()
    return french


def test_not_translated_page_links_each_translation_with_its_language(client, about, french_about):
    response = client.get(f"/es/not-translated/{about.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aún no disponible en español" in html
    assert '<a href="/en/about/" lang="en" hreflang="en">English</a>' in html
    assert '<a href="/fr/about/" lang="fr" hreflang="fr">français</a>' in html
    assert '<meta name="robots" content="noindex">' in html


def test_not_translated_page_sends_to_the_translation_when_there_is_one(client, french_about):
    response = client.get(f"/fr/not-translated/{french_about.pk}/")
    assert response.status_code == 302
    assert response["Location"] == french_about.get_url()


def test_not_translated_page_names_nothing_the_reader_may_not_see(client, member, about):
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(f"/es/not-translated/{about.pk}/")
    assert response.status_code == 404
    assert "About" not in response.content.decode()
    client.force_login(member)
    assert client.get(f"/es/not-translated/{about.pk}/").status_code == 200


def test_not_translated_page_of_a_draft_is_not_found(client, translated_home):
    draft = StandardPageFactory(parent=translated_home["en"], slug="draft", live=False)
    assert client.get(f"/es/not-translated/{draft.pk}/").status_code == 404
    assert client.get("/es/not-translated/99999999/").status_code == 404


def test_menu_keeps_an_untranslated_page_and_the_switcher_points_at_the_notice(
    client, about, french_about
):
    html = client.get("/es/").content.decode()
    nav = html[html.index('class="main-nav"') :]
    nav = nav[: nav.index("</nav>")]
    assert f'<a href="/es/not-translated/{about.pk}/" lang="en" dir="auto">About</a>' in nav
    # French has it: the French menu links the French page, and nothing to the notice.
    french = client.get("/fr/").content.decode()
    assert f'href="{french_about.get_url()}"' in french
    assert "not-translated" not in french
    english = client.get("/en/about/").content.decode()
    switcher = english[english.index('class="language-switcher"') :]
    assert f'href="/es/not-translated/{about.pk}/"' in switcher[: switcher.index("</nav>")]


def test_policy_lists_an_annex_its_language_lacks(client, policy, translated_home, locales):
    from home.factories import arabic_policy_page

    annex = AnnexPageFactory(parent=policy, slug="annex-1", title="Who may complain")
    annex.save_revision().publish()
    translate_from(type(policy).objects.get(pk=policy.pk), locales["ar"], arabic_policy_page())
    html = client.get("/ar/policy/").content.decode()
    section = html[html.index('class="policy-annexes"') :]
    section = section[: section.index("</section>")]
    assert '<span dir="auto" lang="en">Who may complain</span>' in section
    assert 'href="/en/policy/annex-1/" lang="en" hreflang="en">English</a>' in section


def _report(client):
    """{page title: {language code: status}} as the report shows it."""
    response = client.get("/admin/reports/translations/")
    assert response.status_code == 200
    codes = [locale.language_code for locale in response.context["locales"]]
    return {
        page.title: dict(zip(codes, [cell.status for cell in cells], strict=True))
        for page, cells in response.context["object_list"]
    }


def test_report_shows_missing_out_of_date_and_current_translations(
    editor_client, policy, about, french_about, locales
):
    from home.factories import arabic_policy_page

    translate_from(type(policy).objects.get(pk=policy.pk), locales["ar"], arabic_policy_page())
    rows = _report(editor_client)
    assert rows["About"] == {"ar": MISSING, "es": MISSING, "fr": UP_TO_DATE}
    assert rows[policy.title]["ar"] == UP_TO_DATE
    assert rows[policy.title]["fr"] == MISSING

    publish_version(policy, version_label="2.0")  # the source changes after the sync
    assert _report(editor_client)[policy.title]["ar"] == OUT_OF_DATE
    type(french_about).objects.get(pk=french_about.pk).unpublish()
    assert _report(editor_client)["About"]["fr"] == NOT_LIVE


def test_report_is_for_editors_only(client, member, about):
    client.force_login(member)
    response = client.get("/admin/reports/translations/")
    assert response.status_code in (302, 403, 404)
    assert b"About" not in response.content


def test_report_query_count(editor_client, about, french_about, django_assert_num_queries):
    for slug in ("a", "b", "c"):
        StandardPageFactory(parent=about, slug=slug).save_revision().publish()
    editor_client.get("/admin/reports/translations/")
    with django_assert_num_queries(REPORT_QUERIES):
        assert editor_client.get("/admin/reports/translations/").status_code == 200
