"""The search page, its facets in the URL, translations, pagination, promotions, the query
report, autocomplete over HTTP, and the exact queries of a search with two facets."""

import pytest
from django.utils.html import escape
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search import services
from search.models import QueryStat

from ..conftest import MEMBER_CHROME, VISITOR_CHROME

pytestmark = pytest.mark.django_db


def _get(client, path="/en/search/", **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def test_search_page_without_a_query_shows_the_form_and_help(client, site):
    body = _get(client)
    assert 'name="q"' in body and "How to search" in body
    assert "result" not in body.split("How to search")[1].split("</details>")[1]


def test_search_page_lists_results_with_type_snippet_language_and_date(client, content):
    body = _get(client, q="prisons")
    assert "<mark>prisons</mark>" in body
    assert "Policy annex" in body and "Forum topic" in body
    assert 'lang="en"' in body and "<time datetime=" in body
    assert "6 results" in body  # policy, annex, page, practice, event, the public thread
    assert "page-members" not in body and "topic-groups" not in body


def test_search_page_says_when_nothing_is_found(client_for, client, content, roles):
    # A query that finds nothing, and one whose only match the reader may not see.
    for reader, query in ((client, "zzyzx"), (client_for(roles["member"]), "page-groups")):
        body = _get(reader, q=query)
        assert "0 results" in body
        assert "Nothing found. Try fewer or other words, or clear the filters." in body
        assert "search-result search-result--" not in body


def test_search_page_escapes_the_query_everywhere(client, content):
    body = _get(client, q="<img src=x onerror=alert(1)> prisons")
    assert "<img src=x" not in body
    assert escape("<img src=x onerror=alert(1)>") in body


def test_search_facets_are_disjunctive_and_kept_in_the_url(client, content):
    # type=page OR type=topic, AND lang=en; the type facet still counts policy and annex.
    body = _get(client, q="monitoring", type=["page", "topic"], lang="en")
    assert "2 results" in body  # page-public, topic-public
    outcome = services.search(
        content["policy"].owner or _anon(),
        "monitoring",
        selected={"type": ["page", "topic"], "lang": ["en"]},
        language="en",
    )
    counts = {f.key: {v.value: (v.count, v.selected) for v in f.values} for f in outcome.facets}
    assert counts["type"] == {
        "policy": (1, False),
        "annex": (1, False),
        "page": (1, True),
        "practice": (1, False),
        "event": (1, False),
        "topic": (1, True),
    }
    assert counts["lang"] == {"en": (2, True)}
    # Each facet link toggles one value and keeps the rest of the search.
    assert "?q=monitoring&amp;type=page&amp;type=topic&amp;type=policy&amp;lang=en" in body
    assert "?q=monitoring&amp;type=topic&amp;lang=en" in body


def test_search_chosen_value_stays_listed_at_zero(content):
    outcome = services.search(
        _anon(), "monitoring", selected={"type": ["page"], "lang": ["ar"]}, language="en"
    )
    assert outcome.total == 0
    lang = next(f for f in outcome.facets if f.key == "lang")
    assert [(v.value, v.count, v.selected) for v in lang.values if v.value == "ar"] == [
        ("ar", 0, True)
    ]


def test_search_unknown_facet_values_are_dropped(client, content):
    body = _get(client, q="monitoring", type="nonsense", lang="xx", year="20x4")
    assert "6 results" in body


def test_search_box_filters(content):
    outcome = services.search(_anon(), "monitoring type:page", language="en")
    assert [r.source for r in outcome.results] == ["page"]
    assert services.search(_anon(), "monitoring before:2000", language="en").total == 0
    assert services.search(_anon(), "monitoring after:2000", language="en").total == 6
    assert services.search(_anon(), "monitoring -policy -annex", language="en").total == 4
    assert services.search(_anon(), '"topic-public monitoring"', language="en").total == 1


def test_search_pagination(client, content, monkeypatch):
    monkeypatch.setattr(services, "PER_PAGE", 3)
    first = _get(client, q="prisons")
    second = _get(client, q="prisons", page=2)
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert 'href="?q=prisons&amp;page=2"' in first


def test_search_translations_are_one_result_in_the_readers_language(
    client, content, locales, translated_home
):
    french = content["policy"].copy_for_translation(locales["fr"])
    french.title = "politique monitoring"
    french.save_revision().publish()
    english = services.search(_anon(), "monitoring type:policy", language="en")
    assert [r.language for r in english.results] == ["en"]
    french_results = services.search(_anon(), "monitoring type:policy", language="fr")
    assert [r.language for r in french_results.results] == ["fr"]
    assert french_results.total == 1


def test_search_unavailable_answers_503(client, content, settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends",
            "INNER": "tests.failing_backends.FailingSearchBackend",
        }
    }
    response = client.get("/en/search/", {"q": "prisons"})
    assert response.status_code == 503
    assert "Search is unavailable" in response.content.decode()
    assert client.get("/en/search/autocomplete/", {"q": "pri"}).status_code == 503


def test_search_counts_queries_without_user(client, content):
    _get(client, q="Prisons  ")
    _get(client, q="prisons")
    _get(client, q="nothing-matches-this")
    stats = {s.query: (s.searches, s.without_results) for s in QueryStat.objects.all()}
    assert stats == {"prisons": (2, 0), "nothing-matches-this": (1, 1)}
    assert [f.name for f in QueryStat._meta.get_fields()] == [
        "id",
        "query",
        "searches",
        "without_results",
    ]


def test_search_promotions_only_pages_the_reader_may_find(client_for, content, roles):
    query = Query.get("prisons")
    SearchPromotion.objects.create(query=query, page=content["page-groups"], sort_order=0)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://example.org/guide",
        external_link_text="Guide",
        sort_order=1,
    )
    body = _get(client_for(roles["anonymous"]), q="prisons")
    assert "Recommended" in body and "https://example.org/guide" in body
    assert 'href="/en/page-groups/"' not in body
    body = _get(client_for(roles["group_member"]), q="prisons")
    assert 'href="/en/page-groups/"' in body.split("search-promotions")[1].split("</section>")[0]


def test_autocomplete_endpoint(client, content):
    response = client.get("/en/search/autocomplete/", {"q": "page"})
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["results"]]
    assert titles == ["page-public monitoring"]
    assert client.get("/en/search/autocomplete/", {"q": "p"}).json() == {"results": []}


def test_search_menu_link(client, site):
    assert 'href="/en/search/"' in _get(client, path="/en/")


# A search with two facets, whatever the number of hits (the view restrictions are kept with
# the chrome): one search query per source (policy, annex, page, practice, event, forum:
# access.searchable's subquery inside each, scores included); the practice hits' regions,
# themes and principles (3, for all hits at once; their names are not needed here, the type
# selection leaves no practice to count); the shown hits loaded again through access, one
# query per source on the page (page, forum); the request's site (page URLs); the promotions;
# the query statistic (UPDATE).
SEARCH = 6 + 3 + 2 + 1 + 1 + 1


def test_search_query_count_with_two_facets(client, content, django_assert_num_queries):
    _get(client, q="monitoring", type=["page", "topic"], lang="en")  # warm the chrome
    with django_assert_num_queries(VISITOR_CHROME + SEARCH):
        _get(client, q="monitoring", type=["page", "topic"], lang="en")


def test_search_query_count_for_a_member(client_for, content, roles, django_assert_num_queries):
    client = client_for(roles["member"])
    _get(client, q="monitoring", type=["page", "topic"], lang="en")
    with django_assert_num_queries(MEMBER_CHROME + SEARCH):
        _get(client, q="monitoring", type=["page", "topic"], lang="en")


def _anon():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_search_event_is_dated_by_its_start(content):
    outcome = services.search(_anon(), "monitoring type:event", language="en")
    assert [r.date for r in outcome.results] == [content["event-public"].start]
    year = next(f for f in outcome.facets if f.key == "year")
    assert [v.value for v in year.values] == [str(content["event-public"].start.year)]


def test_search_practice_facets(client, content):
    from practices.models import Region

    region = Region.objects.get(slug="east-africa")
    body = _get(client, q="monitoring")
    assert "East Africa" in body and "Detention monitoring" in body and "Phased out" in body
    outcome = services.search(
        _anon(), "monitoring", selected={"region": [str(region.translation_key)]}, language="en"
    )
    assert [r.source for r in outcome.results] == ["practice"]
    assert outcome.results[0].meta == ["East Africa", "Phased out"]
    phase = next(f for f in outcome.facets if f.key == "phase")
    assert [(v.value, v.label, v.count) for v in phase.values] == [("phased-out", "Phased out", 1)]
    types = next(f for f in outcome.facets if f.key == "type")
    assert {v.value: v.count for v in types.values}["practice"] == 1


def test_forum_search_box_searches_the_site_search_for_forum_content(client, content):
    """The forum's box sends ?q=…&type=topic&type=post to the site search; the forum's own
    search URL keeps working for old links."""
    forum = _get(client, path="/en/forum/")
    form = forum.split('class="forum-search"')[1].split("</form>")[0]
    assert 'action="/en/search/"' in form
    assert 'name="type" value="topic"' in form and 'name="type" value="post"' in form
    outcome = services.search(
        _anon(), "prisons", selected={"type": ["topic", "post"]}, language="en"
    )
    assert {result.source for result in outcome.results} == {"forum"}
    assert outcome.total == 1  # the public thread, once
    old = client.get("/en/forum/search/", {"q": "prisons"})
    assert old.status_code == 301
    assert old["Location"] == "/en/search/?q=prisons&type=topic&type=post"


def test_search_practice_regions_are_named_in_the_readers_language(content):
    from django.utils import translation
    from wagtail.models import Locale

    from practices.models import Region

    region = Region.objects.get(slug="east-africa")
    arabic = region.copy_for_translation(Locale.objects.get(language_code="ar"))
    arabic.name = "شرق أفريقيا"
    arabic.save()
    with translation.override("ar"):
        outcome = services.search(_anon(), "practice-public", language="ar")
    practice = next(r for r in outcome.results if r.source == "practice")
    assert practice.meta[0] == "شرق أفريقيا"
    with translation.override("fr"):  # no French name: the original's
        outcome = services.search(_anon(), "practice-public", language="fr")
    assert next(r for r in outcome.results if r.source == "practice").meta[0] == "East Africa"
