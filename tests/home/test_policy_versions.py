import datetime
import re

import pytest
import time_machine
from django.db.models import ProtectedError
from django.test import Client

from home.models import PolicyVersion
from tests.home.conftest import publish_version, replace_section_text

from ..conftest import PAGE_SERVING

pytestmark = pytest.mark.django_db

SECRET = "UNPUBLISHED-DRAFT-WORDING"


def _main(html):
    return html[html.index("<main") : html.index("</main>")]


def test_publishing_records_a_version_with_label_summary_and_revision(revised_policy):
    versions = list(revised_policy.versions())
    assert [v.version_label for v in versions] == ["2.0", "1.0"]
    assert versions[0].change_summary == "Reporting twice a year."
    assert versions[0].revision_id == revised_policy.live_revision_id


def test_version_history_lists_published_versions_newest_first(client, revised_policy):
    html = _main(client.get("/en/policy/versions/").content.decode())
    assert html.index("<td>2.0") < html.index("<td>1.0")
    assert "Reporting twice a year." in html and "First version." in html
    old, new = revised_policy.versions()[1], revised_policy.versions()[0]
    assert f'href="/en/policy/compare/?old={old.number}&amp;new={new.number}"' in html


def test_compare_marks_the_changed_words_and_only_them(client, revised_policy):
    html = _main(client.get("/en/policy/compare/").content.decode())
    changed = re.findall(r"<(ins|del)>(.*?)</\1>", html)
    # The legend shows one <ins> and one <del>; the rest is the Reporting section's change.
    assert changed == [
        ("ins", "inserted text"),
        ("del", "deleted text"),
        ("del", "every"),
        ("ins", "twice a"),
        ("ins", ", in writing"),
    ]
    assert "1 part changed" in html
    # Footnote markers read as the page shows them.
    assert "We prevent torture with partners.[1]" in html and "[^1]" not in html
    assert "Partners report <del>every</del><ins>twice a</ins> year to the board" in html


def test_compare_escapes_the_text_it_shows(client, policy):
    publish_version(
        policy,
        version_label="2.0",
        body=replace_section_text(
            policy, "s-reporting", "<p>Use &lt;script&gt;alert(1)&lt;/script&gt; never.</p>"
        ),
    )
    html = client.get("/en/policy/compare/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_compare_rejects_the_same_version_twice(client, revised_policy):
    version = revised_policy.versions()[0]
    response = client.get(f"/en/policy/compare/?old={version.number}&new={version.number}")
    assert response.status_code == 400
    assert "Choose two different versions." in response.content.decode()


def test_compare_rejects_a_version_of_another_page(client, revised_policy, annex):
    other = annex.versions()[0]
    mine = revised_policy.versions()[0]
    response = client.get(f"/en/policy/compare/?old={other.number + 5}&new={mine.number}")
    assert response.status_code == 400


def test_compare_with_a_single_version_says_there_is_nothing_to_compare(client, policy):
    html = client.get("/en/policy/compare/").content.decode()
    assert "nothing to compare yet" in html
    assert "<ins>" not in _main(html)


def test_version_page_shows_an_earlier_version_as_it_was(client, revised_policy):
    first = revised_policy.versions()[1]
    html = _main(client.get(f"/en/policy/versions/{first.number}/").content.decode())
    assert "Partners report every year to the board." in html
    assert "twice a year" not in html
    assert "You are reading an earlier version" in html


def test_versions_are_numbered_per_page_in_order_of_publication(revised_policy, annex):
    assert [v.number for v in revised_policy.versions()] == [2, 1]
    assert [v.number for v in annex.versions()] == [1]
    html = _main(Client().get("/en/policy/versions/").content.decode())
    assert 'href="/en/policy/versions/2/"' in html and 'href="/en/policy/versions/1/"' in html


def test_version_page_of_another_page_is_not_found(client, revised_policy, annex):
    other = annex.versions()[0]
    PolicyVersion.objects.filter(pk=other.pk).update(id=9000)
    assert client.get("/en/policy/versions/9000/").status_code == 404
    assert client.get("/en/policy/versions/3/").status_code == 404


def test_an_old_id_address_moves_permanently_to_the_version_number(client, revised_policy):
    first = revised_policy.versions()[1]
    PolicyVersion.objects.filter(pk=first.pk).update(id=9001)
    response = client.get("/en/policy/versions/9001/")
    assert response.status_code == 301
    assert response["Location"] == "/en/policy/versions/1/"


def test_a_draft_revision_id_is_not_found_not_redirected(client, revised_policy):
    draft = revised_policy.get_latest_revision_as_object()
    draft.change_summary = SECRET
    revision = draft.save_revision()
    assert client.get(f"/en/policy/versions/{revision.pk + 1000}/").status_code == 404
    assert client.get(f"/en/policy/versions/{revision.pk}/").status_code in (200, 404)
    assert SECRET not in client.get(f"/en/policy/versions/{revision.pk}/").content.decode()


def test_a_translation_shows_the_adoption_date_of_its_source_version(
    client, policy, translated_home, locales
):
    from home.factories import arabic_policy_page
    from home.policy.translation import translate_from

    with time_machine.travel(datetime.datetime(2026, 1, 1, 10, tzinfo=datetime.UTC)):
        revised = publish_version(policy, version_label="2.0")
    with time_machine.travel(datetime.datetime(2026, 1, 20, 10, tzinfo=datetime.UTC)):
        arabic = translate_from(revised, locales["ar"], arabic_policy_page())
    english_version = revised.versions()[0]
    arabic_version = arabic.versions()[0]
    assert arabic_version.version_label == "2.0"
    assert arabic_version.adopted_on == english_version.adopted_on == datetime.date(2026, 1, 1)
    english = _main(client.get("/en/policy/versions/").content.decode())
    arabic_html = _main(client.get("/ar/policy/versions/").content.decode())
    assert '<time datetime="2026-01-01">' in english
    assert '<time datetime="2026-01-01">' in arabic_html
    assert "2026-01-20" not in arabic_html
    # The same version has the same number in both languages; Arabic never had version 1.
    assert arabic_version.number == english_version.number == 2
    detail = client.get("/ar/policy/versions/2/").content.decode()
    assert '<time datetime="2026-01-01">' in detail
    assert client.get("/ar/policy/versions/1/").status_code == 404


def test_a_republished_version_keeps_its_date_and_gets_its_own_number(client, revised_policy):
    first_date = revised_policy.versions()[0].adopted_on
    with time_machine.travel(datetime.datetime(2030, 5, 1, 10, tzinfo=datetime.UTC)):
        fixed = publish_version(revised_policy, version_label="2.0", change_summary="Typo.")
    latest = fixed.versions()[0]
    assert (latest.number, latest.version_label, latest.adopted_on) == (3, "2.0", first_date)
    with time_machine.travel(datetime.datetime(2030, 6, 1, 10, tzinfo=datetime.UTC)):
        newer = publish_version(fixed, version_label="3.0")
    assert newer.versions()[0].number == 4
    assert newer.versions()[0].adopted_on == datetime.date(2030, 6, 1)


def test_a_drafts_text_never_appears_on_a_public_page(client, revised_policy, annex):
    draft = revised_policy.get_latest_revision_as_object()
    draft.title = f"Title {SECRET}"
    draft.summary = SECRET
    draft.version_label = "3.0-draft"
    draft.change_summary = SECRET
    draft.body = replace_section_text(revised_policy, "s-purpose", f"<p>{SECRET}</p>")
    draft.save_revision()
    annex_draft = annex.get_latest_revision_as_object()
    annex_draft.body = replace_section_text(annex, "a-who", f"<p>{SECRET}</p>")
    annex_draft.save_revision()

    versions = list(revised_policy.versions())
    assert len(versions) == 2  # the draft is not a version
    urls = [
        "/en/policy/",
        "/en/policy/versions/",
        "/en/policy/compare/",
        "/en/policy/annex-1/",
        "/en/policy/annex-1/versions/",
        "/en/policy/annex-1/compare/",
    ]
    urls += [f"/en/policy/versions/{version.number}/" for version in versions]
    urls += [
        f"/en/policy/compare/?old={a.number}&new={b.number}"
        for a in versions
        for b in versions
        if a != b
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 400), url
        content = response.content.decode()
        assert SECRET not in content, url
        assert "3.0-draft" not in content, url


def test_a_never_published_policy_has_no_public_routes(client, home_page):
    from home.factories import PolicyPageFactory

    PolicyPageFactory(parent=home_page, slug="draft-policy", live=False)
    for url in ("/en/draft-policy/", "/en/draft-policy/versions/", "/en/draft-policy/compare/"):
        assert client.get(url).status_code == 404


def test_a_published_versions_revision_cannot_be_deleted(revised_policy):
    version = revised_policy.versions()[0]
    with pytest.raises(ProtectedError):
        version.revision.delete()
    assert PolicyVersion.objects.filter(pk=version.pk).exists()


def test_version_history_query_count(client, revised_policy, django_assert_num_queries):
    for label in ("3.0", "4.0", "5.0"):
        publish_version(revised_policy, version_label=label)
    client.get("/en/policy/versions/")
    # Page serving as on the policy page (PAGE_SERVING), the versions (1), translations for
    # the "other languages" links (1).
    with django_assert_num_queries(PAGE_SERVING + 2):
        assert client.get("/en/policy/versions/").status_code == 200


def test_compare_query_count(client, revised_policy, django_assert_num_queries):
    for label in ("3.0", "4.0", "5.0"):
        publish_version(revised_policy, version_label=label)
    client.get("/en/policy/compare/")
    # Page serving (PAGE_SERVING), versions without their content (1), translations for the
    # "other languages" links (1), the two revisions compared (1).
    with django_assert_num_queries(PAGE_SERVING + 3):
        assert client.get("/en/policy/compare/").status_code == 200
