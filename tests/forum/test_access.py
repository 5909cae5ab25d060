"""Every audience on every reading surface, for every role: seen (200) or a plain 404 that
names nothing."""

import pytest

from forum.factories import make_reply, make_topic

from .conftest import SEES

pytestmark = pytest.mark.django_db

AUDIENCES = ("public", "members", "groups")
ROLE_NAMES = ("anonymous", "non_member", "member", "group_member", "moderator")


@pytest.fixture
def world(categories, author, site):
    """One topic with a reply in each audience's category."""
    topics = {}
    for audience, category in categories.items():
        topic = make_topic(
            category, author, title=f"Secret-{audience} title", markdown=f"Body-{audience}"
        )
        make_reply(topic, author, markdown=f"Reply-{audience}")
        topics[audience] = topic
    return topics


def _get(client_for, roles, role, url):
    return client_for(roles[role]).get(url)


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("role", ROLE_NAMES)
def test_category_page_audience(client_for, roles, world, categories, audience, role):
    response = _get(client_for, roles, role, categories[audience].get_absolute_url())
    if role in SEES[audience]:
        assert response.status_code == 200
        assert f"Secret-{audience} title" in response.content.decode()
    else:
        assert response.status_code == 404
        assert categories[audience].name not in response.content.decode()


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("role", ROLE_NAMES)
def test_topic_page_audience(client_for, roles, world, audience, role):
    topic = world[audience]
    response = _get(client_for, roles, role, topic.get_absolute_url())
    body = response.content.decode()
    if role in SEES[audience]:
        assert response.status_code == 200
        assert f"Body-{audience}" in body and f"Reply-{audience}" in body
    else:
        assert response.status_code == 404
        assert "Secret-" not in body and "Body-" not in body


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("role", ROLE_NAMES)
def test_topic_short_link_audience(client_for, roles, world, audience, role):
    """``/forum/t/<id>/`` redirects to the slugged URL only for those who may see it."""
    topic = world[audience]
    response = _get(client_for, roles, role, f"/en/forum/t/{topic.pk}/")
    if role in SEES[audience]:
        assert response.status_code == 302
        assert response["Location"] == topic.get_absolute_url()
    else:
        assert response.status_code == 404
        assert "secret" not in response.get("Location", "").lower()


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("role", ROLE_NAMES)
def test_post_link_audience(client_for, roles, world, audience, role):
    """The single-post link reveals the topic's URL (with its slug) only to those who may
    see it."""
    reply = world[audience].posts.get(position=2)
    response = _get(client_for, roles, role, f"/en/forum/post/{reply.pk}/")
    if role in SEES[audience]:
        assert response.status_code == 302
        assert (
            response["Location"] == f"{world[audience].get_absolute_url()}?page=1#post-{reply.pk}"
        )
    else:
        assert response.status_code == 404
        assert "Location" not in response
        assert "secret" not in response.content.decode().lower()


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_index_lists_only_visible_categories_and_topics(client_for, roles, world, role):
    body = _get(client_for, roles, role, "/en/forum/").content.decode()
    for audience in AUDIENCES:
        assert (f"Secret-{audience} title" in body) == (role in SEES[audience])


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_reply_form_audience(client_for, roles, world, role):
    """Only members may write; anonymous visitors are asked to sign in, but only where they
    may read."""
    for audience in AUDIENCES:
        url = f"/en/forum/t/{world[audience].pk}/reply/"
        response = _get(client_for, roles, role, url)
        if role not in SEES[audience]:
            assert response.status_code == 404
        elif role == "anonymous":
            assert response.status_code == 302
            assert "/accounts/login/" in response["Location"]
        elif role == "non_member":
            assert response.status_code == 403
        else:
            assert response.status_code == 200


def test_hidden_topic_is_404_except_for_moderators(client_for, world, member, moderator):
    from forum import services

    topic = world["public"]
    services.set_topic_hidden(topic, True, moderator=moderator, reason="spam")
    assert client_for(member).get(topic.get_absolute_url()).status_code == 404
    reply = topic.posts.get(position=2)
    assert client_for(member).get(f"/en/forum/post/{reply.pk}/").status_code == 404
    assert client_for(moderator).get(topic.get_absolute_url()).status_code == 200


def test_losing_membership_closes_members_topics_at_once(client_for, world, member):
    topic = world["members"]
    client = client_for(member)
    assert client.get(topic.get_absolute_url()).status_code == 200
    member.memberships.all().delete()
    assert client.get(topic.get_absolute_url()).status_code == 404


def test_email_links_without_language_go_through_the_same_check(client, world):
    reply = world["groups"].posts.get(position=2)
    response = client.get(f"/forum/post/{reply.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/forum/post/{reply.pk}/"
    assert client.get(response["Location"]).status_code == 404


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("role", ROLE_NAMES)
def test_access_can_view_topic_and_post(roles, world, audience, role):
    from partners import access

    topic = world[audience]
    reply = topic.posts.select_related("topic__category").get(position=2)
    assert access.can_view(roles[role], topic, purpose=access.READ) == (role in SEES[audience])
    assert access.can_view(roles[role], reply, purpose=access.READ) == (role in SEES[audience])


def test_access_can_view_hidden_post_only_for_moderators(world, member, moderator):
    from forum import services
    from partners import access

    reply = world["public"].posts.get(position=2)
    services.set_post_hidden(reply, True, moderator=moderator, reason="x")
    reply.refresh_from_db()
    assert not access.can_view(member, reply, purpose=access.READ)
    assert access.can_view(moderator, reply, purpose=access.READ)
    # Moderators read hidden posts; they do not find, feed or mail them.
    for purpose in (access.SEARCH, access.FEED, access.EMAIL, access.HOME):
        assert not access.can_view(moderator, reply, purpose=purpose)
    assert access.can_view(member, reply.topic, purpose=access.READ)


def test_post_language_defaults_to_the_interface_language(client_for, member, world):
    body = client_for(member).get(f"/ar/forum/t/{world['public'].pk}/reply/").content.decode()
    assert '<option value="ar" selected>' in body
