import re

import pytest
from django.db.models import ProtectedError

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
    assert f'href="/en/policy/compare/?old={old.pk}&amp;new={new.pk}"' in html


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
    response = client.get(f"/en/policy/compare/?old={version.pk}&new={version.pk}")
    assert response.status_code == 400
    assert "Choose two different versions." in response.content.decode()


def test_compare_rejects_a_version_of_another_page(client, revised_policy, annex):
    other = annex.versions()[0]
    mine = revised_policy.versions()[0]
    response = client.get(f"/en/policy/compare/?old={other.pk}&new={mine.pk}")
    assert response.status_code == 400


def test_compare_with_a_single_version_says_there_is_nothing_to_compare(client, policy):
    html = client.get("/en/policy/compare/").content.decode()
    assert "nothing to compare yet" in html
    assert "<ins>" not in _main(html)


def test_version_page_shows_an_earlier_version_as_it_was(client, revised_policy):
    first = revised_policy.versions()[1]
    html = _main(client.get(f"/en/policy/versions/{first.pk}/").content.decode())
    assert "Partners report every year to the board." in html
    assert "twice a year" not in html
    assert "You are reading an earlier version" in html


def test_version_page_of_another_page_is_not_found(client, revised_policy, annex):
    other = annex.versions()[0]
    assert client.get(f"/en/policy/versions/{other.pk}/").status_code == 404


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
    urls += [f"/en/policy/versions/{version.pk}/" for version in versions]
    urls += [
        f"/en/policy/compare/?old={a.pk}&new={b.pk}" for a in versions for b in versions if a != b
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
