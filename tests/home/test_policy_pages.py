import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.factories import AnnexPageFactory, policy_body
from home.models import AnnexPage, HomePage, PolicyPage, StandardPage

from ..conftest import PAGE_SERVING

pytestmark = pytest.mark.django_db


def test_policy_page_numbers_sections_and_links_them_from_the_contents(client, policy):
    html = client.get("/en/policy/").content.decode()
    for number, heading in ((1, "Purpose"), (2, "Reporting")):
        number_html = f'<span class="policy-number">{number}.</span>'
        assert (
            f'<h2 id="section-{number}">{number_html} <span dir="auto">{heading}</span></h2>'
            in html
        )
    toc = html[html.index('class="policy-toc"') : html.index("</nav>", html.index("policy-toc"))]
    assert re.findall(r'href="#(section-\d)"', toc) == ["section-1", "section-2"]


def test_policy_page_shows_version_dates_and_principle(client, policy):
    html = client.get("/en/policy/").content.decode()
    assert "<dd>1.0</dd>" in html
    assert 'datetime="2024-03-15"' in html  # adopted
    assert 'datetime="2025-03-15"' in html  # next review: one year after adoption
    assert 'class="principle"' in html and "Do no harm." in html


def test_policy_page_links_footnote_references_to_the_notes_and_back(client, policy):
    html = client.get("/en/policy/").content.decode()
    assert '<sup class="footnote-ref"><a href="#fn-1" id="fnref-1">1</a></sup>' in html
    assert '<li id="fn-1">' in html and 'href="#fnref-1"' in html
    assert "[^1]" not in html


def test_policy_page_footnote_marker_in_an_attribute_is_left_alone(client, home_page):
    body = policy_body(
        ("Links", '<p><a href="https://example.org/?q=[^1]">see</a> [^1]</p>', "s1"),
        notes=[("1", "<p>Note.</p>")],
    )
    page = PolicyPage(title="P", slug="p", body=body)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/en/p/").content.decode()
    assert 'href="https://example.org/?q=[^1]"' in html
    assert html.count('href="#fn-1"') == 1


def test_policy_page_lists_its_annexes_and_the_annex_links_back(client, policy, annex):
    html = client.get("/en/policy/").content.decode()
    assert 'href="/en/policy/annex-1/"' in html and "Annex 1" in html
    annex_html = client.get("/en/policy/annex-1/").content.decode()
    assert '<a href="/en/policy/">Partnership Policy</a>' in annex_html
    assert 'id="section-1"' in annex_html and "Who can complain" in annex_html


def test_policy_page_hides_an_unpublished_annex(client, policy):
    AnnexPageFactory(parent=policy, slug="annex-2", number=2, title="Secret annex", live=False)
    assert "Secret annex" not in client.get("/en/policy/").content.decode()


def test_page_types_declare_where_they_go():
    assert PolicyPage.can_create_at(HomePage())
    assert not PolicyPage.can_create_at(StandardPage())
    assert AnnexPage.can_create_at(PolicyPage())
    assert not AnnexPage.can_create_at(HomePage())
    assert AnnexPage.allowed_subpage_models() == []


def test_annex_number_is_unique_among_the_policys_annexes(policy, annex):
    second = AnnexPageFactory(parent=policy, slug="annex-2", number=2)
    second.number = 1
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "number" in error.value.message_dict


# Steady state (the chrome's page tree is kept after the first request): PAGE_SERVING
# (tests/conftest.py); the policy: wagtail-localize's translation log (the out-of-date
# notice), the annexes in the tree and their specific rows, the site settings (4).
POLICY_PAGE_QUERIES = PAGE_SERVING + 4


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_policy_page_query_count(client, revised_policy, annex, django_assert_num_queries):
    client.get("/en/policy/")
    with django_assert_num_queries(POLICY_PAGE_QUERIES):
        response = client.get("/en/policy/")
    assert response.status_code == 200


def test_policy_page_queries_do_not_grow_with_annexes(client, policy, annex):
    _count_queries(client, "/en/policy/")
    before = _count_queries(client, "/en/policy/")
    for number in (2, 3, 4):
        page = AnnexPageFactory(parent=policy, slug=f"annex-{number}", number=number)
        page.save_revision().publish()
    _count_queries(client, "/en/policy/")  # publishing renews the header's kept page tree
    assert _count_queries(client, "/en/policy/") == before
