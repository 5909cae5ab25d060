"""Forum search: the site search narrowed to topics and posts (the forum's old address
redirects there), results limited through partners.access before they are counted, sensitive
categories only for their own members, and a failing search backend breaks neither posting nor
the page."""

import re

import pytest

from forum import services
from forum.factories import CategoryFactory, make_reply, make_topic
from forum.models import Post
from partners.models import Audience

from .conftest import SEES

pytestmark = pytest.mark.django_db

FAILING = {"default": {"BACKEND": "tests.failing_backends.FailingSearchBackend"}}


def _search(client, query, status=200):
    response = client.get("/en/search/", {"q": query, "type": ["topic", "post"]})
    assert response.status_code == status
    return response.content.decode()


def test_old_forum_search_address_redirects_to_the_site_search(client, site):
    response = client.get("/en/forum/search/", {"q": "prisons & more", "page": "2"})
    assert response.status_code == 301
    assert response["Location"] == "/en/search/?q=prisons+%26+more&type=topic&type=post"
    assert client.get("/fr/forum/search/")["Location"] == "/fr/search/?type=topic&type=post"


@pytest.fixture
def indexed(categories, sensitive_category, author, site):
    made = {}
    for name, category in {**categories, "sensitive": sensitive_category}.items():
        topic = make_topic(
            category,
            author,
            title=f"Title-{name}",
            markdown=f"Detention monitoring notes ({name}).",
        )
        make_reply(topic, author, markdown=f"Follow-up about prisons ({name}).")
        made[name] = topic
    return made


@pytest.mark.parametrize("audience", ("public", "members", "groups"))
@pytest.mark.parametrize("role", ("anonymous", "non_member", "member", "group_member", "moderator"))
def test_search_audience(client_for, roles, indexed, audience, role):
    body = _search(client_for(roles[role]), "prisons")
    assert (f"Title-{audience}" in body) == (role in SEES[audience])


def test_search_counts_only_what_the_user_may_see(client, indexed):
    body = _search(client, "monitoring")
    total = re.search(r'class="search-total">(.*?)</h2>', body, re.S).group(1)
    assert " ".join(total.split()) == "1 result"


@pytest.mark.parametrize(
    "role, finds",
    [
        ("group_member", True),
        ("member", False),
        ("moderator", False),
    ],
)
def test_search_sensitive_category_only_for_own_members(client_for, roles, indexed, role, finds):
    body = _search(client_for(roles[role]), "prisons")
    assert ("Title-sensitive" in body) == finds


def test_search_sensitive_members_category_for_every_member(client_for, member, author, site):
    category = CategoryFactory(audience=Audience.MEMBERS, is_sensitive=True)
    make_topic(category, author, title="Burnout among monitors", markdown="Self-care plans")
    assert "Burnout among monitors" in _search(client_for(member), "self-care")


def test_search_finds_topic_title_words(client, indexed):
    assert "Title-public" in _search(client, "Title-public")


def test_search_leaves_out_hidden_and_deleted_posts(client, indexed, author, moderator):
    topic = indexed["public"]
    hidden = make_reply(topic, author, markdown="Forbidden word: zanzibar")
    deleted = make_reply(topic, author, markdown="Another word: kilimanjaro")
    services.set_post_hidden(hidden, True, moderator=moderator, reason="x")
    services.delete_own_post(Post.objects.get(pk=deleted.pk), user=author)
    assert "Title-public" not in _search(client, "zanzibar")
    assert "Title-public" not in _search(client, "kilimanjaro")


def test_search_backend_failure_does_not_lose_a_post(
    client_for, member, public_category, site, settings, caplog
):
    settings.WAGTAILSEARCH_BACKENDS = FAILING
    client = client_for(member)
    response = client.post(
        f"/en/forum/c/{public_category.slug}/new/",
        {"title": "Saved anyway", "markdown": "Index is down", "language": "en"},
    )
    assert response.status_code == 302
    topic = Post.objects.get(markdown="Index is down").topic
    reply = client.post(
        f"/en/forum/t/{topic.pk}/reply/", {"markdown": "Still works", "language": "en"}
    )
    assert reply.status_code == 302
    assert Post.objects.filter(topic=topic).count() == 2
    assert "Could not update the search index" in caplog.text


def test_search_backend_failure_shows_a_message(client, indexed, settings):
    settings.WAGTAILSEARCH_BACKENDS = FAILING
    body = _search(client, "prisons", status=503)
    assert "Search is unavailable" in body
    assert "Title-" not in body


def test_search_without_words_lists_the_newest_forum_content_the_reader_may_see(client, indexed):
    body = _search(client, "")
    assert 'name="q"' in body
    assert "Title-public" in body
    assert "Title-members" not in body and "Title-sensitive" not in body
