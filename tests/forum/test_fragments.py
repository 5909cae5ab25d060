"""Anonymous visitors' topic tables are kept as rendered HTML under a key of everything they
show (home.fragments): a change to what is shown is a new key, and members' or moderators'
tables are never kept."""

import re

import pytest
from django.core.cache import cache

from forum import services
from forum.factories import make_reply, make_topic

pytestmark = pytest.mark.django_db


def _fragments():
    # The test cache is local memory: list the keys it holds.
    return [key for key in cache._cache if "gpe:fragment:forum-topic-list" in key]


def test_fragments_keep_the_visitors_topic_table(client, site, public_category, author):
    make_topic(public_category, author, title="Monitoring visits")
    first = client.get(public_category.get_absolute_url()).content.decode()
    assert len(_fragments()) == 1
    again = client.get(public_category.get_absolute_url()).content.decode()
    assert len(_fragments()) == 1  # the same key: served from the cache
    assert "Monitoring visits" in first
    # The same page but for the script nonce each response draws anew (kept fragments hold no
    # script, so no nonce is ever kept).
    assert re.sub(r'nonce="[^"]+"', "", first) == re.sub(r'nonce="[^"]+"', "", again)


def test_fragments_change_with_what_the_table_shows(
    client, site, public_category, author, moderator
):
    topic = make_topic(public_category, author, title="Monitoring visits")
    url = public_category.get_absolute_url()
    assert "Pinned" not in client.get(url).content.decode()
    services.set_topic_pinned(topic, True, moderator=moderator, reason="Useful")
    assert "Pinned" in client.get(url).content.decode()
    make_reply(topic, author)
    body = client.get(url).content.decode()
    assert '<td class="topic-list__number" data-label="Replies">1</td>' in body
    services.set_topic_hidden(topic, True, moderator=moderator, reason="Spam")
    assert "Monitoring visits" not in client.get(url).content.decode()
    author.profile.display_name = "renamed-author"
    author.profile.save()
    services.set_topic_hidden(topic, False, moderator=moderator, reason="Not spam")
    assert "renamed-author" in client.get(url).content.decode()
    assert "renamed-author" in client.get("/en/forum/").content.decode()


def test_fragments_never_keep_a_members_or_moderators_table(
    client_for, site, public_category, author, member, moderator
):
    make_topic(public_category, author, title="Monitoring visits")
    client = client_for(member)
    body = client.get(public_category.get_absolute_url()).content.decode()
    assert "Monitoring visits" in body
    assert 'href="/en/forum/u/' in body  # members see links to profiles
    client_for(moderator).get(public_category.get_absolute_url())
    assert _fragments() == []


def test_fragments_visitor_never_gets_a_members_markup(
    client, client_for, site, public_category, author, member
):
    make_topic(public_category, author, title="Monitoring visits")
    client_for(member).get(public_category.get_absolute_url())
    client.logout()
    body = client.get(public_category.get_absolute_url()).content.decode()
    assert "Monitoring visits" in body
    assert 'href="/en/forum/u/' not in body


def _post_fragments():
    return [key for key in cache._cache if "gpe:fragment:forum-posts" in key]


def test_fragments_keep_the_visitors_posts_and_follow_edits(
    client, site, public_category, author, moderator
):
    topic = make_topic(public_category, author, title="Visits", markdown="First words.")
    reply = make_reply(topic, author, markdown="A reply.")
    url = topic.get_absolute_url()
    assert "First words." in client.get(url).content.decode()
    assert len(_post_fragments()) == 1
    services.edit_post(reply, editor=author, markdown="A better reply.")
    body = client.get(url).content.decode()
    assert "A better reply." in body
    assert "A reply." not in body
    services.set_post_hidden(reply, True, moderator=moderator, reason="Off topic")
    body = client.get(url).content.decode()
    assert "A better reply." not in body
    assert "This post was hidden by a moderator." in body


def test_fragments_never_keep_a_members_posts(client_for, site, public_category, author, member):
    topic = make_topic(public_category, author, title="Visits")
    body = client_for(member).get(topic.get_absolute_url()).content.decode()
    assert "Report" in body
    assert _post_fragments() == []
