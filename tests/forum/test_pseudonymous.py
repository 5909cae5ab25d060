"""Posting as "a partner from <region>": moderators can see who wrote it; the author's name,
username or email appears on no page, listing, feed, search result, email, notification,
mention suggestion or member page that anyone else receives."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from forum import services
from forum.attachments import prepare_upload
from forum.factories import CategoryFactory, make_reply, make_topic
from forum.models import Post, Subscription
from partners.factories import MembershipFactory
from partners.models import Audience, Region

from ..conftest import main_of

pytestmark = pytest.mark.django_db

SECRETS = ("Zebra-Secret", "zebra-username", "zebra@example.org")
OTHERS = ("anonymous", "non_member", "member", "group_member")


def _hides_author(text: str):
    for secret in SECRETS:
        assert secret.lower() not in text.lower(), secret


@pytest.fixture
def hidden_author(db):
    user = MembershipFactory(
        user__username="zebra-username",
        user__email="zebra@example.org",
        organisation__region=Region.MIDDLE_EAST_NORTH_AFRICA,
    ).user
    user.profile.display_name = "Zebra-Secret"
    user.profile.save()
    return user


@pytest.fixture
def open_category(db):
    return CategoryFactory(
        name="Speak freely", slug="speak-freely", audience=Audience.PUBLIC, allow_pseudonymous=True
    )


@pytest.fixture
def scene(open_category, hidden_author, author, member, group_member, site):
    """A pseudonymous topic (with a photo) and a pseudonymous reply mentioning a member,
    in a public category that the member and the group member watch."""
    for watcher in (member, group_member):
        services.set_subscription(watcher, level=Subscription.Level.WATCH, category=open_category)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, "PNG")
    photo = prepare_upload(SimpleUploadedFile("zebra-username-family.png", buffer.getvalue()))
    topic = make_topic(
        open_category,
        hidden_author,
        title="What we learnt closing the office",
        markdown="We kept the archive safe.",
        pseudonymous=True,
        files=[photo],
    )
    make_reply(topic, author, markdown="Thank you for sharing.")
    reply = make_reply(
        topic, hidden_author, markdown=f"Indeed, @{member.profile.display_name}.", pseudonymous=True
    )
    return {"topic": topic, "reply": reply}


def test_pseudonymous_post_records_region_and_keeps_author(scene, hidden_author):
    reply = scene["reply"]
    assert reply.is_pseudonymous and reply.author == hidden_author
    assert reply.pseudonym_region == Region.MIDDLE_EAST_NORTH_AFRICA


@pytest.mark.parametrize("role", OTHERS)
def test_pseudonymous_topic_page_hides_author(client_for, roles, scene, role):
    body = client_for(roles[role]).get(scene["topic"].get_absolute_url()).content.decode()
    assert "a partner from Middle East and North Africa" in body
    _hides_author(body)


def test_pseudonymous_topic_page_names_author_to_moderators(client_for, moderator, scene):
    body = client_for(moderator).get(scene["topic"].get_absolute_url()).content.decode()
    assert "written by <bdi>Zebra-Secret</bdi>; only moderators see this" in body


@pytest.mark.parametrize("role", OTHERS)
def test_pseudonymous_listings_hide_author(client_for, roles, scene, open_category, role):
    client = client_for(roles[role])
    for url in ("/en/forum/", open_category.get_absolute_url()):
        body = client.get(url).content.decode()
        assert "What we learnt closing the office" in body
        _hides_author(body)


def test_pseudonymous_feeds_hide_author(client, scene, open_category):
    for url in ("/en/forum/feeds/latest/", f"/en/forum/feeds/c/{open_category.slug}/"):
        body = client.get(url).content.decode()
        assert "What we learnt closing the office" in body
        assert "a partner from Middle East and North Africa" in body
        _hides_author(body)


@pytest.mark.parametrize("role", OTHERS)
def test_pseudonymous_search_hides_author(client_for, roles, scene, role):
    client = client_for(roles[role])
    found = client.get("/en/search/", {"q": "archive", "type": ["topic", "post"]}).content.decode()
    assert "What we learnt closing the office" in found
    _hides_author(found)
    # The author's name is not in the index: searching for it finds nothing of theirs.
    by_name = main_of(client.get("/en/search/", {"q": "Zebra-Secret"}).content.decode())
    assert "What we learnt closing the office" not in by_name


def test_pseudonymous_emails_and_notifications_hide_author(client_for, scene, member, group_member):
    assert len(mail.outbox) >= 3, "watchers and the mentioned member are emailed"
    texts = [message.subject + message.body for message in mail.outbox]
    assert any("a partner from Middle East and North Africa" in text for text in texts)
    for message in mail.outbox:
        _hides_author(message.subject + message.body)
    for watcher in (member, group_member):
        body = client_for(watcher).get("/en/partners/notifications/").content.decode()
        assert "What we learnt closing the office" in body
        _hides_author(body)


def test_pseudonymous_mention_suggestions_skip_author(client_for, scene, member):
    client = client_for(member)
    participants = client.get("/en/forum/mentions/", {"topic": scene["topic"].pk}).json()["results"]
    assert {"name": "author-name"} in participants
    assert {"name": "Zebra-Secret"} not in participants


def test_pseudonymous_posts_not_on_member_page(
    client_for, scene, hidden_author, member, public_category
):
    make_topic(public_category, hidden_author, title="Signed words", markdown="My own name.")
    response = client_for(member).get(f"/en/forum/u/{hidden_author.pk}/")
    assert response.status_code == 200
    body = main_of(response.content.decode())
    assert "Signed words" in body
    assert "What we learnt closing the office" not in body


def test_pseudonymous_quote_attributes_region(client_for, scene, member):
    reply = scene["reply"]
    body = (
        client_for(member)
        .get(f"/en/forum/t/{scene['topic'].pk}/reply/", {"quote": reply.pk})
        .content.decode()
    )
    assert "— a partner from Middle East and North Africa" in body
    _hides_author(body)


def test_pseudonymous_attachment_name_is_hidden(client, scene):
    attachment = Post.objects.get(pk=scene["topic"].first_post_id).attachments.get()
    body = client.get(scene["topic"].get_absolute_url()).content.decode()
    assert attachment.get_absolute_url() in body
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    _hides_author(response.get("Content-Disposition", "") + body)


def test_pseudonymous_posting_refused_where_not_allowed(client_for, member, public_category, site):
    response = client_for(member).post(
        f"/en/forum/c/{public_category.slug}/new/",
        {"title": "T", "markdown": "M", "language": "en", "pseudonymous": "on"},
    )
    # The checkbox is not offered there: the field is ignored and the post is signed.
    assert response.status_code == 302
    assert not Post.objects.get(topic__title="T").is_pseudonymous
