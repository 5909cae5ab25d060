import pytest

from home.factories import arabic_policy_page
from home.models import PolicyPage
from home.policy.translation import translate_from, translation_notice
from tests.home.conftest import publish_version, replace_section_text

pytestmark = pytest.mark.django_db

# The notice is in the page's language; its box is the same in all of them.
NOTICE = 'class="policy-notice policy-notice--warning translation-notice"'
REPORTING_AR_V2 = "<p>يقدّم الشركاء تقريرًا إلى المجلس مرتين في السنة، كتابةً.</p>"


@pytest.fixture
def arabic_policy(policy, translated_home, locales):
    return translate_from(policy, locales["ar"], arabic_policy_page())


def test_a_translation_shows_its_text_and_no_notice_while_current(client, arabic_policy):
    html = client.get("/ar/policy/").content.decode()
    assert "نمنع التعذيب مع شركائنا." in html and "الغرض" in html
    assert NOTICE not in html
    assert translation_notice(arabic_policy) is None


def test_the_notice_appears_after_the_source_changes_and_links_to_it(client, policy, arabic_policy):
    publish_version(
        policy,
        version_label="2.0",
        body=replace_section_text(policy, "s-reporting", "<p>Partners report twice a year.</p>"),
    )
    html = client.get("/ar/policy/").content.decode()
    assert NOTICE in html
    notice = html[html.index("policy-notice--warning") :]
    assert '<a href="/en/policy/" hreflang="en">' in notice[: notice.index("</div>")]
    # The source itself carries no notice.
    assert NOTICE not in client.get("/en/policy/").content.decode()


def test_the_notice_stays_while_new_source_text_is_untranslated(
    client, policy, arabic_policy, locales
):
    revised = publish_version(
        policy,
        version_label="2.0",
        body=replace_section_text(policy, "s-reporting", "<p>Partners report twice a year.</p>"),
    )
    # "Sync translated pages": the source is extracted again and the translation re-saved,
    # but the changed paragraph has no Arabic yet (it shows in English).
    translate_from(revised, locales["ar"], arabic_policy_page(reporting="<p></p>"))
    html = client.get("/ar/policy/").content.decode()
    assert "Partners report twice a year." in html
    assert NOTICE in html


def test_the_notice_goes_once_the_change_is_translated(client, policy, arabic_policy, locales):
    revised = publish_version(
        policy,
        version_label="2.0",
        body=replace_section_text(policy, "s-reporting", "<p>Partners report twice a year.</p>"),
    )
    translate_from(revised, locales["ar"], arabic_policy_page(reporting=REPORTING_AR_V2))
    html = client.get("/ar/policy/").content.decode()
    assert "مرتين في السنة" in html
    assert NOTICE not in html


def test_versions_are_compared_in_the_translation_language(client, policy, arabic_policy, locales):
    revised = publish_version(
        policy,
        version_label="2.0",
        body=replace_section_text(policy, "s-reporting", "<p>Partners report twice a year.</p>"),
    )
    translate_from(revised, locales["ar"], arabic_policy_page(reporting=REPORTING_AR_V2))
    arabic = PolicyPage.objects.get(locale=locales["ar"], slug="policy")
    assert [v.version_label for v in arabic.versions()] == ["2.0", "1.0"]
    html = client.get("/ar/policy/compare/").content.decode()
    assert "المجلس <del>كل عام</del><ins>مرتين في السنة، كتابةً</ins>." in html
    assert 'dir="rtl"' in html


def test_a_copied_translation_without_localize_is_compared_with_the_original(
    client, policy, translated_home, locales
):
    french = policy.copy_for_translation(locales["fr"])
    french.title = "Politique de partenariat"
    french.save_revision().publish()
    assert NOTICE not in client.get("/fr/policy/").content.decode()
    publish_version(policy, version_label="2.0")
    html = client.get("/fr/policy/").content.decode()
    assert NOTICE in html and '<a href="/en/policy/" hreflang="en">' in html
