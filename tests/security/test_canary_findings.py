"""Leaks the canary suite found, each pinned by its own small test."""

import pytest
from wagtail.models import PageViewRestriction

from forum.factories import CategoryFactory, make_reply, make_topic
from home.factories import StandardPageFactory
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


def test_old_address_of_a_page_moved_into_a_group_section_names_nothing(
    client_for, home_page, member, group_member, working_group
):
    """Wagtail keeps a redirect from a moved page's old address. Followed to a page the
    visitor may not see, it would name the page's new place (its restricted parent's slug)."""
    section = StandardPageFactory(parent=home_page, title="Section", slug="group-section-slug")
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([working_group])
    page = StandardPageFactory(parent=home_page, title="Moving", slug="moving")
    page.move(section, pos="last-child")

    for user in (None, member):
        response = client_for(user).get("/en/moving/")
        assert response.status_code == 404
        assert "group-section-slug" not in response.content.decode()
    response = client_for(group_member).get("/en/moving/")
    assert response.status_code == 301
    assert response["Location"].endswith("/group-section-slug/moving/")
