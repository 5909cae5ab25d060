"""Whole public pages kept for cookieless visitors (home/pagecache.py): answered again without
a query, each answer with its own CSP nonce, and out of date the moment anything they show
changes; nothing of a signed-in person, a restricted page or a form is ever kept."""

import re

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from forum import services
from forum.factories import CategoryFactory, make_reply, make_topic
from home.factories import StandardPageFactory
from partners.factories import MembershipFactory
from partners.models import Audience

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.GPE_PUBLIC_PAGE_CACHE = True


@pytest.fixture
def writer(db):
    user = MembershipFactory(user__username="writer").user
    user.profile.display_name = "Writer Name"
    user.profile.save()
    return user


@pytest.fixture
def topic(site, writer):
    category = CategoryFactory(audience=Audience.PUBLIC, slug="open")
    topic = make_topic(category, writer, title="Kept thread", markdown="First words here")
    make_reply(topic, writer, markdown="A reply about prisons")
    return topic


def _nonces(response) -> tuple[str, set[str]]:
    header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    return header, set(re.findall(r'nonce="([^"]+)"', response.content.decode()))


def test_a_kept_page_is_answered_without_a_query_and_with_a_fresh_nonce(
    client, topic, django_assert_num_queries
):
    url = topic.get_absolute_url()
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert "A reply about prisons" in second.content.decode()
    header_1, body_1 = _nonces(first)
    header_2, body_2 = _nonces(second)
    assert body_1 == {header_1} and body_2 == {header_2}  # every script carries the header's
    assert header_1 != header_2
    assert first.content.decode().replace(header_1, "") == second.content.decode().replace(
        header_2, ""
    )
    for name in ("Content-Language", "X-Frame-Options", "Permissions-Policy"):
        assert second[name] == first[name]


def test_replies_edits_hiding_and_deletion_show_at_once(client, topic, writer, moderator):
    url = topic.get_absolute_url()
    client.get(url)
    reply = make_reply(topic, writer, markdown="A newer reply")
    assert "A newer reply" in client.get(url).content.decode()
    services.edit_post(reply, editor=writer, markdown="Edited words")
    body = client.get(url).content.decode()
    assert "Edited words" in body and "A newer reply" not in body
    services.set_post_hidden(reply, True, moderator=moderator, reason="danger")
    assert "Edited words" not in client.get(url).content.decode()
    other = make_reply(topic, writer, markdown="Soon deleted")
    assert "Soon deleted" in client.get(url).content.decode()
    services.delete_own_post(other, user=writer)
    assert "Soon deleted" not in client.get(url).content.decode()


def test_a_changed_name_and_a_topic_moved_away_show_at_once(client, topic, writer, moderator):
    url = topic.get_absolute_url()
    assert "Writer Name" in client.get(url).content.decode()
    writer.profile.display_name = "Renamed"
    writer.profile.save()
    assert "Renamed" in client.get(url).content.decode()
    members = CategoryFactory(audience=Audience.MEMBERS, slug="closed")
    services.move_topic(topic, category=members, moderator=moderator, reason="private")
    assert "A reply about prisons" not in client.get(url).content.decode()


def test_nothing_of_a_signed_in_member_is_kept_or_served_to_them(client_for, topic, member):
    url = topic.get_absolute_url()
    signed_in = client_for(member)
    mine = signed_in.get(url)
    assert "private" in mine["Cache-Control"] and "Sign out" in mine.content.decode()
    visitor = Client()
    visitor.get(url)  # the visitor's page is kept …
    assert "Sign out" not in visitor.get(url).content.decode()
    # … and never answers a member, who always gets their own page, rendered.
    again = signed_in.get(url)
    assert again.context is not None and "Sign out" in again.content.decode()


def test_a_visitor_with_a_session_cookie_is_not_answered_from_the_cache(client, topic):
    url = topic.get_absolute_url()
    client.get(url)
    client.cookies["sessionid"] = "anything"
    assert client.get(url).context is not None


def test_restricting_or_unpublishing_a_kept_page_applies_at_once(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="open-page", title="Open page")
    url = page.url
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # kept
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(url).status_code == 404  # not for visitors (partners.access)
    restriction.delete()
    assert client.get(url).status_code == 200
    page.unpublish()
    assert client.get(url).status_code == 404


def test_pages_with_a_form_or_restricted_are_not_kept(client, home_page, topic):
    from django.core.cache import cache

    from home import pagecache

    page = StandardPageFactory(parent=home_page, slug="members-page", title="Members page")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    client.get(page.url)
    client.get("/en/accounts/login/")  # a form: a CSRF token in it
    client.get("/en/forum/c/no-such-category/")  # a 404
    kept = [key for key in cache._cache if pagecache.GENERATION_KEY not in key]
    assert not any(":gpe:page:" in key for key in kept)
    client.get(topic.get_absolute_url())
    assert sum(":gpe:page:" in key for key in cache._cache) == 1


def test_at_most_so_many_pages_are_stored_a_minute(client, topic, settings, monkeypatch):
    """Made-up query strings are new keys: a flood of them may not push sessions and
    rate-limit counters out of the shared cache."""
    from home import pagecache

    monkeypatch.setattr(pagecache, "MAX_KEPT_PER_MINUTE", 3)
    url = topic.get_absolute_url()
    for n in range(6):
        assert client.get(url, {"x": n}).status_code == 200
    from django.core.cache import cache

    assert sum(":gpe:page:" in key for key in cache._cache) == 3
    # Past the budget pages are still served, rendered.
    assert "A reply about prisons" in client.get(url, {"x": 99}).content.decode()
