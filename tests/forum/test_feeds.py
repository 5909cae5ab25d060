"""Atom feeds: public and non-sensitive only; private member feeds behind a revocable
secret, with titles only."""

from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from forum import services
from forum.factories import CategoryFactory, make_topic
from forum.models import FeedToken
from partners.models import Audience

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics(categories, sensitive_category, author, site):
    public_sensitive = CategoryFactory(
        name="Open but sensitive",
        slug="open-sensitive",
        audience=Audience.PUBLIC,
        is_sensitive=True,
    )
    made = {}
    for name, category in {
        **categories,
        "sensitive": sensitive_category,
        "public_sensitive": public_sensitive,
    }.items():
        made[name] = make_topic(
            category, author, title=f"Feed-{name} title", markdown=f"Feed-{name} body"
        )
    return made


def test_latest_feed_is_atom_with_public_topics_only(client, topics):
    response = client.get("/en/forum/feeds/latest/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Feed-public title" in body and "Feed-public body" in body
    for name in ("members", "groups", "sensitive", "public_sensitive"):
        assert f"Feed-{name}" not in body


@pytest.mark.parametrize(
    "slug, status",
    [
        ("lessons", 200),
        ("members-room", 404),
        ("wg-space", 404),
        ("safety", 404),
        ("open-sensitive", 404),
        ("no-such-category", 404),
    ],
)
def test_category_feed_only_for_public_non_sensitive(client, topics, slug, status):
    response = client.get(f"/en/forum/feeds/c/{slug}/")
    assert response.status_code == status
    if status == 404:
        assert "Feed-" not in response.content.decode()


def test_category_feed_leaves_out_hidden_topics(client, topics, moderator):
    services.set_topic_hidden(topics["public"], True, moderator=moderator, reason="spam")
    assert "Feed-public" not in client.get("/en/forum/feeds/c/lessons/").content.decode()


def _feed_url(client):
    response = client.post("/en/forum/preferences/", {"action": "new_feed"})
    body = response.content.decode()
    start = body.index("/en/forum/feeds/private/")
    return body[start : body.index("</code>", start)]


@pytest.mark.parametrize(
    "role, expected",
    [
        ("member", {"public", "members"}),
        ("group_member", {"public", "members", "groups"}),
        ("moderator", {"public", "members", "groups"}),
    ],
)
def test_private_feed_lists_what_the_member_may_see(
    client, client_for, roles, topics, role, expected
):
    url = _feed_url(client_for(roles[role]))
    client.logout()
    body = client.get(url).content.decode()  # a feed reader has no session
    for name in ("public", "members", "groups", "sensitive", "public_sensitive"):
        assert (f"Feed-{name} title" in body) == (name in expected), name
    assert "Feed-public body" not in body  # titles and links only


def test_private_feed_for_non_member_and_anonymous(client, client_for, non_member, site):
    response = client_for(non_member).post("/en/forum/preferences/", {"action": "new_feed"})
    assert response.status_code == 404
    client.logout()
    assert client.get("/en/forum/feeds/private/made-up-token/").status_code == 404


def test_private_feed_token_is_stored_hashed_and_revocable(client, client_for, member, topics):
    url = _feed_url(client_for(member))
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert FeedToken.objects.get(user=member).token_hash != token
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    new_url = _feed_url(client_for(member))  # a new address revokes the old one
    assert client.get(url).status_code == 404
    assert client.get(new_url).status_code == 200
    client_for(member).post("/en/forum/preferences/", {"action": "revoke_feed"})
    assert client.get(new_url).status_code == 404


def test_private_feed_follows_lost_access(client, client_for, member, topics):
    url = _feed_url(client_for(member))
    member.memberships.all().delete()
    client.logout()
    body = client.get(url).content.decode()
    assert "Feed-public title" in body and "Feed-members title" not in body


# --- Members' text reaches feed readers as text ----------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE_MARKDOWN = (
    "Look: <img src=https://tracker.example/pixel.gif onerror=alert(1)> and "
    "<script>alert('feed')</script> &lt;b&gt;bold&lt;/b&gt; "
    "![map](https://tracker.example/map.png) [link](https://example.org/)"
)


class _LiveMarkup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def reader_view(element):
    """What a spec-following reader (RFC 4287 §3.1) makes of a text construct: (the text it
    shows, the HTML elements it would render)."""
    kind = element.get("type", "text")
    if kind == "text":
        return element.text or "", []
    assert kind == "html", kind  # xhtml would be markup by definition
    parser = _LiveMarkup()
    parser.feed(element.text or "")
    return element.text or "", parser.tags


def entries_as_a_reader_sees_them(body):
    feed = ElementTree.fromstring(body)  # noqa: S314 - our own feed, in a test
    entries = []
    for entry in feed.iter(f"{ATOM}entry"):
        parts = {}
        for name in ("title", "summary", "content"):
            element = entry.find(f"{ATOM}{name}")
            if element is not None:
                parts[name] = reader_view(element)
        entries.append(parts)
    return entries


@pytest.mark.parametrize("url", ["/en/forum/feeds/latest/", "/en/forum/feeds/c/lessons/"])
def test_feeds_deliver_members_text_as_text(client, public_category, author, site, url):
    make_topic(public_category, author, title="<b>Bold</b> <img src=x>", markdown=HOSTILE_MARKDOWN)
    entries = entries_as_a_reader_sees_them(client.get(url).content)
    assert len(entries) == 1
    for name, (_text, tags) in entries[0].items():
        assert tags == [], (name, tags)  # nothing a reader would render, run or load
    title, _ = entries[0]["title"]
    summary, _ = entries[0]["summary"]
    assert title == "<b>Bold</b> <img src=x>"  # what the member typed, shown as typed
    assert "<script>alert('feed')</script>" in summary
    assert "<b>bold</b>" in summary
    assert "tracker.example/map.png" not in summary  # the sanitiser dropped the remote image


def test_private_feed_titles_are_text(client, client_for, member, author, site):
    category = CategoryFactory(name="Rights <i>now</i>", slug="rights", audience=Audience.MEMBERS)
    make_topic(category, author, title="<img src=https://tracker.example/t.gif>")
    url = _feed_url(client_for(member))
    client.logout()
    entries = entries_as_a_reader_sees_them(client.get(url).content)
    assert entries
    for entry in entries:
        for name, (_text, tags) in entry.items():
            assert tags == [], (name, tags)


@pytest.mark.parametrize("count", (1, 12))
def test_public_feeds_cost_the_same_queries_for_any_number_of_topics(
    client, categories, author, site, django_assert_num_queries, count
):
    category = categories["public"]
    for number in range(count):
        make_topic(category, author, title=f"Counted {number}", markdown="Counted body")
    # The latest feed: its topics with category, first post, author and profile (one query;
    # each item's access check reads what is loaded). The category feed: the category, then
    # the same.
    with django_assert_num_queries(1):
        body = client.get("/en/forum/feeds/latest/").content.decode()
    assert body.count("<entry>") == count
    with django_assert_num_queries(2):
        body = client.get(f"/en/forum/feeds/c/{category.slug}/").content.decode()
    assert body.count("<entry>") == count
