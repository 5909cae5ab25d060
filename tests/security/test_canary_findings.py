"""Leaks the canary suite found, each pinned by its own small test."""

import pytest

from forum.factories import CategoryFactory, make_reply, make_topic
from partners.models import Audience

pytestmark = pytest.mark.django_db


def test_reply_in_hidden_topic_does_not_name_it_on_the_forum_index(
    client_for, moderator, member, site
):
    """A moderator may still write in a topic they hid; the category's "last post" on the
    index must not become that topic (its title would show to everyone)."""
    from forum import services

    category = CategoryFactory(slug="open", audience=Audience.PUBLIC)
    topic = make_topic(category, member, title="Hidden-topic-title")
    make_topic(category, member, title="Visible-topic-title")
    services.set_topic_hidden(topic, True, moderator=moderator, reason="Names a place.")
    make_reply(topic, moderator, markdown="Why this is hidden.")

    category.refresh_from_db()
    assert category.last_post.topic.title == "Visible-topic-title"
    assert category.post_count == 1
    for user in (None, member):
        html = client_for(user).get("/en/forum/").content.decode()
        assert "Hidden-topic-title" not in html

