"""The topic page, category listing and forum index cost a fixed number of queries,
whatever the number of posts, topics, participants, reactions and attachments."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from forum import services
from forum.attachments import prepare_upload
from forum.factories import CategoryFactory, make_reply, make_topic
from partners.factories import MembershipFactory

from ..conftest import MEMBER_CHROME, VISITOR_CHROME

pytestmark = pytest.mark.django_db


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return prepare_upload(SimpleUploadedFile("photo.png", buffer.getvalue()))


def _busy_topic(category, author, viewer, replies):
    writers = [MembershipFactory().user for _ in range(20)]
    topic = make_topic(
        category, author, title="Busy", tags=["detention", "monitoring"], files=[_png()]
    )
    for i in range(replies):
        post = make_reply(
            topic,
            writers[i % 20],
            markdown=f"Reply {i} to @author-name",
            files=[_png()] if i == 3 else (),
        )
        if i % 3 == 0:
            services.toggle_reaction(post, user=viewer, kind="thanks")
    return topic


def test_topic_page_query_count_is_fixed(
    client_for, public_category, author, member, site, django_assert_num_queries
):
    small = _busy_topic(public_category, author, member, replies=5)
    big = _busy_topic(public_category, author, member, replies=200)
    client = client_for(member)
    client.get(small.get_absolute_url())  # the first visit creates the read state
    client.get(f"{big.get_absolute_url()}?page=1")
    client.get(f"{big.get_absolute_url()}?page=5")
    # What the member keeps costs nothing more: a draft, bookmarks on several pages.
    services.save_draft(member, topic=big, markdown="Still thinking")
    for post in big.posts.filter(position__in=[2, 90, 201]):
        services.toggle_bookmark(post, user=member)
    # MEMBER_CHROME, plus: topic with category and the member's subscription, read state and
    # draft (subqueries of one query); the page's posts with authors, profiles and whether the
    # member bookmarked each (an EXISTS of the same query); the read-state update; the topic's
    # tags; the posts' attachments where a post on the page has some (first pages); the
    # member's reactions where a post on the page has any (not the last page, whose one post
    # has none).
    for url, attachments, reactions in (
        (small.get_absolute_url(), 1, 1),
        (f"{big.get_absolute_url()}?page=1", 1, 1),
        (f"{big.get_absolute_url()}?page=5", 0, 1),
        (f"{big.get_absolute_url()}?page=11", 0, 0),
    ):
        with django_assert_num_queries(MEMBER_CHROME + 4 + attachments + reactions):
            response = client.get(url)
        assert response.status_code == 200
    html = client.get(f"{big.get_absolute_url()}?page=11").content.decode()
    assert "Reply 199" in html and "Still thinking</textarea>" in html
    assert html.count('aria-pressed="true" data-on=') == 1  # the bookmark on post 201


def test_topic_jump_to_first_unread_costs_the_topic_query(
    client_for, public_category, author, member, site, django_assert_num_queries
):
    topic = _busy_topic(public_category, author, member, replies=60)
    client = client_for(member)
    client.get(f"{topic.get_absolute_url()}?page=1")  # read to post 20
    # No page is rendered: the session's user with their membership facts, their groups (the
    # topic's audience), and the topic with the member's read state; then the redirect.
    with django_assert_num_queries(3):
        response = client.get(topic.get_absolute_url())
    assert response["Location"] == f"{topic.get_absolute_url()}?page=2#new"


def test_topic_page_query_count_for_anonymous(
    client, public_category, author, member, site, django_assert_num_queries
):
    topic = _busy_topic(public_category, author, member, replies=60)
    client.get(topic.get_absolute_url())  # an earlier visit warmed the kept chrome
    # No session, user or bell queries: VISITOR_CHROME; topic, posts, attachments, tags.
    with django_assert_num_queries(VISITOR_CHROME + 4):
        response = client.get(topic.get_absolute_url())
    assert response.status_code == 200


def test_category_listing_query_count_is_fixed(
    client_for, author, member, site, django_assert_num_queries
):
    category = CategoryFactory()
    writers = [MembershipFactory().user for _ in range(15)]
    for i in range(45):
        topic = make_topic(category, writers[i % 15], title=f"Topic {i}", tags=[f"t{i % 4}"])
        make_reply(topic, writers[(i + 1) % 15])
    client = client_for(member)
    client.get(category.get_absolute_url())  # the first visit creates the visit record
    # MEMBER_CHROME, plus: category with the member's subscription; topic count; the
    # member's last visit; the page of topics with first/last post authors and read state;
    # their tags.
    with django_assert_num_queries(MEMBER_CHROME + 5):
        response = client.get(category.get_absolute_url())
    assert response.status_code == 200
    assert "Topic 44" in response.content.decode()
    with django_assert_num_queries(MEMBER_CHROME + 5):
        assert client.get(f"{category.get_absolute_url()}?page=2").status_code == 200


def test_forum_index_query_count_is_fixed(
    client_for, author, member, site, django_assert_num_queries
):
    writers = [MembershipFactory().user for _ in range(10)]
    for c in range(12):
        category = CategoryFactory()
        for i in range(4):
            topic = make_topic(
                category, writers[(c + i) % 10], title=f"Topic {c}-{i}", tags=["lessons"]
            )
            make_reply(topic, writers[(c + i + 1) % 10])
    client = client_for(member)
    client.get("/en/forum/")
    # MEMBER_CHROME, plus: the member's last visit; categories with their last post, topic
    # and author; the latest topics with authors and read state; their tags.
    with django_assert_num_queries(MEMBER_CHROME + 4):
        response = client.get("/en/forum/")
    assert response.status_code == 200
    assert response.content.decode().count('class="forum-category ') == 12
