"""The forum's part of partners' data export and account deletion."""

import json

import pytest
from django.contrib.auth.models import Group

from forum import services
from forum.factories import CategoryFactory, make_reply, make_topic
from forum.models import Post, PostRevision, Subscription, Topic
from partners.factories import MembershipFactory
from partners.models import Audience, Notification
from partners.services import delete_account, export_user_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer():
    return MembershipFactory(user__username="writer").user


@pytest.fixture
def other():
    return MembershipFactory(user__username="other").user


def test_export_contains_own_posts_and_nobody_elses(writer, other):
    category = CategoryFactory(audience=Audience.MEMBERS)
    topic = make_topic(category, writer, title="Funding after phase-out", markdown="Mine")
    make_reply(topic, other, markdown="Someone else's words")
    services.toggle_reaction(topic.first_post, user=other, kind="thanks")

    data = export_user_data(writer)["forum"]
    text = json.dumps(data)

    assert [post["text"] for post in data["posts"]] == ["Mine"]
    assert data["posts"][0]["topic"] == "Funding after phase-out"
    assert data["topics_started"][0]["title"] == "Funding after phase-out"
    assert "Someone else's words" not in text
    assert data["reactions"] == []


def test_export_includes_the_authors_own_pseudonymous_posts(writer):
    category = CategoryFactory(audience=Audience.MEMBERS, allow_pseudonymous=True)
    make_topic(category, writer, markdown="Said as a partner from my region", pseudonymous=True)
    posts = export_user_data(writer)["forum"]["posts"]
    assert posts[0]["pseudonymous"] is True
    assert posts[0]["text"] == "Said as a partner from my region"


def test_export_leaves_out_titles_the_member_may_no_longer_see(writer):
    group = Group.objects.create(name="Closed working group")
    writer.groups.add(group)
    category = CategoryFactory(audience=Audience.GROUPS, groups=[group])
    make_topic(category, writer, title="Group plans", markdown="My notes")
    writer.groups.remove(group)

    post = export_user_data(writer)["forum"]["posts"][0]
    assert post["text"] == "My notes"
    assert post["topic"] is None


def test_deletion_keeps_the_thread_and_removes_the_member(writer, other):
    category = CategoryFactory(audience=Audience.PUBLIC)
    topic = make_topic(category, other, title="Lessons", markdown="Opening")
    reply = make_reply(topic, writer, markdown="My reply with @other")
    services.edit_post(
        reply, editor=writer, markdown="My edited reply", language="en", reason="typo", title=None
    )
    services.set_subscription(writer, topic=topic, level="watch")
    assert PostRevision.objects.filter(post=reply).exists()

    delete_account(writer)

    reply.refresh_from_db()
    assert reply.author is None
    assert reply.markdown == "" and reply.html == ""
    assert not PostRevision.objects.filter(post=reply).exists()
    assert not Notification.objects.filter(target_id=reply.pk).exists()
    assert not Subscription.objects.filter(user=writer).exists()
    assert Topic.objects.filter(pk=topic.pk, is_deleted=False).exists()
    assert Post.objects.filter(topic=topic).count() == 2  # the thread keeps its shape


def test_deletion_shows_a_former_member_in_the_thread(client, site, writer, other):
    category = CategoryFactory(audience=Audience.PUBLIC)
    topic = make_topic(category, other, title="Lessons", markdown="Opening")
    make_reply(topic, writer, markdown="A reply to remember")
    display_name = writer.profile.display_name

    delete_account(writer)

    body = client.get(topic.get_absolute_url()).content.decode()
    assert "a former member" in body
    assert display_name not in body
    assert "A reply to remember" not in body


def test_deleting_the_user_row_outright_empties_their_posts_first(writer, other):
    """The admin's "delete user" takes the same ACCOUNT_DELETION path as account deletion."""
    category = CategoryFactory(audience=Audience.PUBLIC)
    topic = make_topic(category, other, title="Lessons", markdown="Opening")
    reply = make_reply(topic, writer, markdown="Words that must not outlive the account")

    writer.delete()

    reply.refresh_from_db()
    assert reply.author is None and reply.markdown == "" and reply.is_deleted
