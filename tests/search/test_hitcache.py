"""Hit lists kept per access query and data generation (search.hitcache, on in production):
the same answers as searching afresh, for every role whatever searched before, and no answer
outliving a change of what it was computed from."""

import pytest
from wagtail.models import PageViewRestriction

from forum import services as forum_services
from forum.factories import make_reply
from partners import access
from search import hitcache, services, tasks
from search.models import IndexRetry

from . import test_access
from .conftest import FINDS
from .test_access import ROLES, _found

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept(settings):
    settings.GPE_SEARCH_CACHE = True


@pytest.fixture
def searches(monkeypatch):
    """How many sources were searched in the backend (a kept hit list is not)."""
    calls = []
    real = services._source_hits

    def counting(backend, source, *args, **kwargs):
        calls.append(source.key)
        return real(backend, source, *args, **kwargs)

    monkeypatch.setattr(services, "_source_hits", counting)
    return calls


def test_every_role_finds_exactly_what_it_may_whoever_searched_before(content, roles, searches):
    """The access matrix of test_access.py, every role in turn, most trusted first and then
    again: each role's results, totals and facets as if nothing were kept."""
    order = ["superuser", "group_member", "moderator", *ROLES]
    for role in order + order:
        test_access.test_search_every_role_finds_exactly_what_it_may(content, roles, role)
    # Roles with the same access query shared entries: far fewer backend searches than
    # 2 words × 6 sources × every turn.
    assert 0 < len(searches) < 2 * 6 * len(order)


def test_same_search_again_reads_the_kept_hit_lists(
    content, roles, searches, django_assert_num_queries
):
    user = roles["member"]
    _found(user, "prisons")
    assert sorted(searches) == sorted(["policy", "annex", "page", "practice", "event", "forum"])
    searches.clear()
    access.forget(user)
    # Again, other facets: no backend search. Queries: the member's groups and membership
    # (access), then the rows shown, through access: standard pages, forum posts.
    with django_assert_num_queries(4):
        outcome = services.search(
            user, "prisons", language="en", per_page=100, selected={"type": ["page", "topic"]}
        )
    assert searches == []
    # page-public, page-members, topic-public, topic-members (their threads)
    assert outcome.total == 4


def test_a_new_post_is_found_at_once(content, roles, searches):
    visitor = roles["anonymous"]
    outcome, _ = _found(visitor, "zebras")
    assert outcome.total == 0
    make_reply(content["topic-public"], markdown="Zebras (new).")
    outcome, _ = _found(visitor, "zebras")
    assert outcome.total == 1


def test_a_hidden_post_leaves_at_once(content, roles, django_user_model):
    visitor = roles["anonymous"]
    post = make_reply(content["topic-public"], markdown="Unicorns in the yard.")
    outcome, _ = _found(visitor, "unicorns")
    assert outcome.total == 1
    moderator = django_user_model.objects.get(username="content-moderator")
    forum_services.set_post_hidden(post, True, moderator=moderator, reason="test")
    outcome, _ = _found(visitor, "unicorns")
    assert outcome.total == 0
    assert outcome.facets == []


def test_joining_a_group_applies_at_once(content, roles, working_group):
    member = roles["member"]
    _outcome, shown = _found(member, "monitoring")
    assert "page-groups" not in shown
    member.groups.add(working_group)
    _outcome, shown = _found(member, "monitoring")
    assert {"page-groups", "practice-groups", "topic-groups"} <= shown


def test_a_new_view_restriction_applies_at_once(content, roles):
    visitor = roles["anonymous"]
    _outcome, shown = _found(visitor, "monitoring")
    assert "page-public" in shown
    PageViewRestriction.objects.create(
        page=content["page-public"], restriction_type=PageViewRestriction.LOGIN
    )
    outcome, shown = _found(visitor, "monitoring")
    assert "page-public" not in shown
    counts = {f.key: {v.value: v.count for v in f.values} for f in outcome.facets}
    assert "page" not in counts["type"]


def test_removing_a_group_member_applies_at_once(content, roles, working_group):
    member = roles["group_member"]
    _outcome, shown = _found(member, "monitoring")
    assert "page-groups" in shown
    member.groups.remove(working_group)
    _outcome, shown = _found(member, "monitoring")
    assert shown & {"page-groups", "practice-groups", "topic-groups", "topic-sensitive"} == set()


def test_a_replayed_index_retry_retires_kept_hit_lists(content, roles):
    before = hitcache.generation()
    IndexRetry.objects.create(
        app_label="forum",
        model_name="post",
        object_id=str(content["topic-public"].posts.first().pk),
        action="update",
    )
    assert tasks.replay() == (1, 0)
    assert hitcache.generation() != before


def test_at_most_so_many_hit_lists_are_stored_a_minute(content, roles, searches, monkeypatch):
    monkeypatch.setattr(hitcache, "MAX_KEPT_PER_MINUTE", 2)
    user = roles["anonymous"]
    _found(user, "prisons")
    searches.clear()
    outcome, shown = _found(user, "prisons")
    # Two sources were kept, the four others searched again; the answer is the same.
    assert len(searches) == 4
    may = {name for name, finders in FINDS.items() if "anonymous" in finders}
    assert shown == may - {"post-hidden"}
    assert outcome.total == len(shown)


def test_off_nothing_is_kept(content, roles, searches, settings):
    settings.GPE_SEARCH_CACHE = False
    _found(roles["anonymous"], "prisons")
    _found(roles["anonymous"], "prisons")
    assert len(searches) == 12


def test_readers_with_different_access_get_different_keys(content, roles):
    """A reader whose groups differ gets a different key, not a neighbour's list."""
    from search.sources import sources

    source = sources()["forum"]
    keys = {
        role: hitcache.key(
            source,
            source.hits_queryset(roles[role]),
            services.parse("prisons").search_query(),
            backend=None,
            scored=True,
            language="en",
            limit=services.MAX_HITS,
            generation="g",
        )
        for role in ("anonymous", "member", "group_member", "moderator")
    }
    assert len(set(keys.values())) == 4
