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

pytestmark = pytest.mark.django_db

# The site header on every page, forum or not (home's gpe_tags): the site, view restrictions,
# the home page in every language (menu pages: the test site has none, so no query).
HEADER = 3
# For a signed-in member: the user, loaded with its membership facts (the session comes from
# the cache); the user's groups (the staff-MFA middleware asks partners.access); the header;
# and the notification bell's count.
CHROME = 2 + HEADER + 1


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
    client_for, public_category, author, member, site, django_assert_max_num_queries
):
    small = _busy_topic(public_category, author, member, replies=5)
    big = _busy_topic(public_category, author, member, replies=200)
    client = client_for(member)
    client.get(small.get_absolute_url())  # the first visit creates the read state
    client.get(big.get_absolute_url())
    client.get(f"{big.get_absolute_url()}?page=5")
    # CHROME, plus: topic with category and the member's subscription; the page's posts with
    # authors and profiles; their attachments; the member's reactions on them; the read-state
    # update; the topic's tags. (is_member came with the user.)
    for url in (
        small.get_absolute_url(),
        big.get_absolute_url(),
        f"{big.get_absolute_url()}?page=5",
        f"{big.get_absolute_url()}?page=11",
    ):
        with django_assert_max_num_queries(CHROME + 6):
            response = client.get(url)
        assert response.status_code == 200
    assert "Reply 199" in client.get(f"{big.get_absolute_url()}?page=11").content.decode()


def test_topic_page_query_count_for_anonymous(
    client, public_category, author, member, site, django_assert_max_num_queries
):
    topic = _busy_topic(public_category, author, member, replies=60)
    client.get("/en/")  # warms Wagtail's cached site root paths, as any earlier visit does
    # No session, user or bell queries: the header; topic, posts, attachments, tags.
    with django_assert_max_num_queries(HEADER + 4):
        response = client.get(topic.get_absolute_url())
    assert response.status_code == 200


def test_category_listing_query_count_is_fixed(
    client_for, author, member, site, django_assert_max_num_queries
):
    category = CategoryFactory()
    writers = [MembershipFactory().user for _ in range(15)]
    for i in range(45):
        topic = make_topic(category, writers[i % 15], title=f"Topic {i}", tags=[f"t{i % 4}"])
        make_reply(topic, writers[(i + 1) % 15])
    client = client_for(member)
    client.get(category.get_absolute_url())  # the first visit creates the visit record
    # CHROME, plus: category with the member's subscription; is_member; topic count; the
    # member's last visit; the page of topics with first/last post authors and read state;
    # their tags.
    with django_assert_max_num_queries(CHROME + 6):
        response = client.get(category.get_absolute_url())
    assert response.status_code == 200
    assert "Topic 44" in response.content.decode()
    with django_assert_max_num_queries(CHROME + 6):
        assert client.get(f"{category.get_absolute_url()}?page=2").status_code == 200


def test_forum_index_query_count_is_fixed(
    client_for, author, member, site, django_assert_max_num_queries
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
    # CHROME, plus: the member's last visit; is_member; categories with their last post,
    # topic and author; the latest topics with authors and read state; their tags.
    with django_assert_max_num_queries(CHROME + 5):
        response = client.get("/en/forum/")
    assert response.status_code == 200
    assert response.content.decode().count('class="forum-category ') == 12
