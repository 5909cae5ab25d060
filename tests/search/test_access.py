"""Access before anything is counted: every reader role × every kind of content, for results,
totals, facets, highlights and autocomplete. The expectation table is FINDS (conftest)."""

import pytest
from django.utils import translation

from partners import access
from search import autocomplete, services

from .conftest import FINDS

pytestmark = pytest.mark.django_db

ROLES = sorted({role for roles in FINDS.values() for role in roles} | {"anonymous"})
TOPICS = {name for name in FINDS if name.startswith("topic-")}
PAGES = {name for name in FINDS if not name.startswith(("topic-", "post-"))}


def _names(text: str) -> set[str]:
    """The fixture names ("page-members", "topic-groups" …) that appear in ``text``."""
    return {name for name in FINDS if f"{name} " in text or f"({name})" in text}


def _found(user, query, **kwargs):
    access.forget(user)
    outcome = services.search(user, query, language="en", per_page=100, **kwargs)
    shown = set()
    for result in outcome.results:
        shown |= _names(str(result.title).replace("<mark>", "").replace("</mark>", ""))
        shown |= _names(str(result.snippet).replace("<mark>", "").replace("</mark>", ""))
    return outcome, shown


@pytest.mark.parametrize("role", ROLES)
def test_search_every_role_finds_exactly_what_it_may(content, roles, role):
    user = roles[role]
    may = {name for name, finders in FINDS.items() if role in finders}

    # Titles: pages and topics ("… monitoring").
    outcome, shown = _found(user, "monitoring")
    assert shown == may & (PAGES | TOPICS)
    assert outcome.total == len(may & (PAGES | TOPICS))
    counts = {f.key: {v.value: v.count for v in f.values} for f in outcome.facets}
    expected_types = {
        "policy": len(may & {"policy"}),
        "annex": len(may & {"annex"}),
        "page": len(may & {"page-public", "page-members", "page-groups", "page-draft"}),
        "practice": len(may & {"practice-public", "practice-groups"}),
        "event": len(may & {"event-public", "event-members"}),
        "topic": len(may & TOPICS),
    }
    assert counts["type"] == {key: n for key, n in expected_types.items() if n}
    assert sum(counts["lang"].values()) == outcome.total
    # Practice facets count only the practices this role may find.
    practices = len(may & {"practice-public", "practice-groups"})
    assert counts.get("phase", {}) == ({"phased-out": practices} if practices else {})
    assert sum(counts.get("region", {}).values()) == practices
    for result in outcome.results:
        assert "<mark>monitoring</mark>" in result.title
        assert "gpe-secret-room" not in result.snippet  # events' joining details never
        assert "call-this-secret-number" not in result.snippet  # practices' contact never

    # Texts: policy, pages and forum posts ("prisons"); the hidden post never, for anyone.
    outcome, shown = _found(user, "prisons")
    assert "post-hidden" not in shown
    assert "Hidden words" not in "".join(str(r.snippet) for r in outcome.results)
    assert shown == may - {"post-hidden"}
    for result in outcome.results:
        assert "<mark>prisons</mark>" in result.snippet


@pytest.mark.parametrize("role", ROLES)
def test_autocomplete_every_role_gets_only_titles_it_may_find(content, roles, role):
    user = roles[role]
    access.forget(user)
    may = {name for name, finders in FINDS.items() if role in finders} & PAGES
    with translation.override("en"):
        titles = {item["title"] for item in autocomplete.titles(user, "page", limit=50)}
        titles |= {item["title"] for item in autocomplete.titles(user, "poli", limit=50)}
        titles |= {item["title"] for item in autocomplete.titles(user, "anne", limit=50)}
        titles |= {item["title"] for item in autocomplete.titles(user, "even", limit=50)}
        titles |= {item["title"] for item in autocomplete.titles(user, "prac", limit=50)}
    assert _names(" ".join(f"{title} " for title in titles)) == may


@pytest.mark.parametrize("role", ROLES)
def test_autocomplete_forum_topic_titles_only_where_the_role_may_read(content, roles, role):
    """Topics are autocompleted directly (Topic indexes FilterField("id") for access)."""
    user = roles[role]
    access.forget(user)
    may = {name for name, finders in FINDS.items() if role in finders} & TOPICS
    with translation.override("en"):
        found = autocomplete.titles(user, "topi", limit=50)
    assert _names(" ".join(f"{item['title']} " for item in found)) == may
    for item in found:
        assert item["type"] == "Forum topic" and item["url"].startswith("/en/forum/")


def test_search_a_draft_is_never_counted_even_for_a_filter_only_search(content, roles):
    outcome, shown = _found(roles["superuser"], "type:page")
    assert "page-draft" not in shown
    assert outcome.total == 3  # public, members, groups


def test_search_pseudonymous_post_names_no_author(content, roles, site):
    from forum.factories import make_reply

    author = content["topic-public"].first_post.author
    author.profile.display_name = "Zainab Secret"
    author.profile.save()
    make_reply(
        content["topic-public"], author, markdown="Zainab visited prisons.", pseudonymous=True
    )
    outcome, _shown = _found(roles["anonymous"], "zainab")
    page = "".join(f"{r.title} {r.snippet} {' '.join(r.meta)}" for r in outcome.results)
    assert "Secret" not in page
