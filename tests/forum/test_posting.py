"""Writing through the views: topics, replies, quotes, edits with revisions, deletion,
reactions, solutions, mention suggestions, reading state."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from forum import services
from forum.factories import make_reply, make_topic
from forum.models import Post, PostRevision, Reaction, ReadState, Subscription, Topic
from partners.models import Notification

from ..conftest import main_of
from .conftest import SEES

pytestmark = pytest.mark.django_db


def test_new_topic_view_creates_topic(client_for, member, public_category, site):
    response = client_for(member).post(
        f"/en/forum/c/{public_category.slug}/new/",
        {
            "title": "Phasing out: keep the network alive",
            "markdown": "We *met* monthly.",
            "language": "fr",
            "tags": "phase-out, networks",
        },
    )
    topic = Topic.objects.get()
    assert response["Location"] == topic.get_absolute_url()
    assert topic.slug == "phasing-out-keep-the-network-alive"
    assert sorted(topic.tags.names()) == ["networks", "phase-out"]
    post = topic.first_post
    assert (post.author, post.language, post.position) == (member, "fr", 1)
    assert post.html == "<p>We <em>met</em> monthly.</p>\n"
    public_category.refresh_from_db()
    assert (public_category.topic_count, public_category.post_count) == (1, 1)
    page = client_for(member).get(topic.get_absolute_url()).content.decode()
    assert 'lang="fr" dir="auto"' in page


def test_new_topic_form_errors_keep_the_text(client_for, member, public_category, site):
    response = client_for(member).post(
        f"/en/forum/c/{public_category.slug}/new/",
        {"title": "", "markdown": "My long careful text"},
    )
    assert response.status_code == 400
    assert "My long careful text" in response.content.decode()


def test_arabic_title_gets_a_unicode_slug(member, public_category, site, client_for):
    topic = make_topic(public_category, member, title="دروس من إنهاء الشراكة")
    assert topic.slug == "دروس-من-إنهاء-الشراكة"
    assert client_for(member).get(topic.get_absolute_url()).status_code == 200


def test_reply_goes_to_the_right_page(client_for, member, public_category, author, site):
    topic = make_topic(public_category, author)
    for i in range(20):
        make_reply(topic, author, markdown=f"r{i}")
    response = client_for(member).post(
        f"/en/forum/t/{topic.pk}/reply/", {"markdown": "Twenty-second post", "language": "en"}
    )
    post = Post.objects.get(markdown="Twenty-second post")
    assert post.position == 22
    assert response["Location"] == f"{topic.get_absolute_url()}?page=2#post-{post.pk}"
    topic.refresh_from_db()
    assert (topic.reply_count, topic.last_position, topic.last_post) == (21, 22, post)


def test_quote_prefills_and_links_the_reply(client_for, member, public_category, author, site):
    topic = make_topic(public_category, author, markdown="Line one\nLine two")
    client = client_for(member)
    body = client.get(f"/en/forum/t/{topic.pk}/reply/", {"quote": topic.first_post_id})
    text = body.content.decode()
    assert "&gt; Line one\n&gt; Line two\n&gt;\n&gt; — @author-name" in text
    client.post(
        f"/en/forum/t/{topic.pk}/reply/",
        {"markdown": "> Line one\n\nAgreed", "language": "en", "reply_to": topic.first_post_id},
    )
    reply = Post.objects.get(position=2)
    assert reply.reply_to == topic.first_post
    # A reply that quotes tells the quoted author so ("forum.quote" instead of "forum.reply").
    assert Notification.objects.filter(recipient=author, kind="forum.quote").exists()


def test_quote_of_invisible_post_is_ignored(
    client_for, member, public_category, group_category, author, site
):
    topic = make_topic(public_category, author)
    secret = make_topic(group_category, author, markdown="Group secret")
    body = (
        client_for(member)
        .get(f"/en/forum/t/{topic.pk}/reply/", {"quote": secret.first_post_id})
        .content.decode()
    )
    assert "Group secret" not in body


def test_edit_keeps_revisions_for_author_and_moderators(
    client_for, member, moderator, group_member, public_category, site
):
    topic = make_topic(public_category, member, markdown="Version one")
    post = topic.first_post
    response = client_for(member).post(
        f"/en/forum/post/{post.pk}/edit/",
        {
            "title": "New title",
            "markdown": "Version two",
            "language": "en",
            "reason": "typo",
            "version": 0,
        },
    )
    assert response.status_code == 302
    post.refresh_from_db()
    topic.refresh_from_db()
    assert (post.markdown, post.edit_count, topic.title) == ("Version two", 1, "New title")
    revision = PostRevision.objects.get()
    assert (revision.markdown, revision.reason) == ("Version one", "typo")
    history = f"/en/forum/post/{post.pk}/history/"
    for user in (member, moderator):
        body = client_for(user).get(history).content.decode()
        assert "Version one" in body and "Version two" in body
    assert client_for(group_member).get(history).status_code == 404


def test_edit_refused_to_others(client_for, member, group_member, public_category, site):
    topic = make_topic(public_category, member)
    url = f"/en/forum/post/{topic.first_post_id}/edit/"
    assert (
        client_for(group_member).post(url, {"markdown": "x", "language": "en"}).status_code == 403
    )
    assert Post.objects.get().markdown == "The first post."


def test_delete_own_post_removes_it_everywhere(
    client_for, member, author, moderator, public_category, site
):
    topic = make_topic(public_category, author)
    post = make_reply(topic, member, markdown="Regret this", reply_to=topic.first_post)
    services.edit_post(post, editor=member, markdown="Regret this more")
    assert Notification.objects.filter(target_id=post.pk).exists()
    response = client_for(member).post(f"/en/forum/post/{post.pk}/delete/")
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_deleted
    assert not PostRevision.objects.filter(post=post).exists()
    assert not Notification.objects.filter(target_id=post.pk).exists()
    page = client_for(author).get(topic.get_absolute_url()).content.decode()
    assert "Regret this" not in page and "deleted by its author" in page
    topic.refresh_from_db()
    assert topic.reply_count == 0
    # A moderator can bring it back.
    services.set_post_hidden(post, False, moderator=moderator, reason="Asked by author")
    post.refresh_from_db()
    assert not post.is_deleted


def test_delete_first_post_deletes_topic(client_for, member, public_category, site):
    topic = make_topic(public_category, member)
    client_for(member).post(f"/en/forum/post/{topic.first_post_id}/delete/")
    assert client_for(member).get(topic.get_absolute_url()).status_code == 404
    public_category.refresh_from_db()
    assert public_category.topic_count == 0


def test_delete_refused_to_others(client_for, member, moderator, public_category, site):
    topic = make_topic(public_category, member)
    url = f"/en/forum/post/{topic.first_post_id}/delete/"
    assert client_for(moderator).post(url).status_code == 403


def test_account_deletion_erases_forum_content(member, author, public_category, site):
    topic = make_topic(public_category, author)
    reply = make_reply(topic, member, markdown="My testimony", reply_to=topic.first_post)
    own = make_topic(public_category, member, title="Mine alone")
    member.delete()
    reply.refresh_from_db()
    assert (reply.markdown, reply.html, reply.author, reply.is_deleted) == ("", "", None, True)
    assert Topic.objects.get(pk=own.pk).is_deleted
    assert not Notification.objects.filter(target_id=reply.pk).exists()


def test_reactions_toggle_and_count(
    client_for, member, group_member, author, public_category, site
):
    topic = make_topic(public_category, author)
    url = f"/en/forum/post/{topic.first_post_id}/react/"
    client_for(member).post(url, {"kind": "thanks"})
    client_for(group_member).post(url, {"kind": "thanks"})
    client_for(group_member).post(url, {"kind": "helpful"})
    post = Post.objects.get(pk=topic.first_post_id)
    assert post.reaction_counts == {"thanks": 2, "helpful": 1}
    client_for(group_member).post(url, {"kind": "thanks"})
    post.refresh_from_db()
    assert post.reaction_counts == {"thanks": 1, "helpful": 1}
    page = client_for(member).get(topic.get_absolute_url()).content.decode()
    assert 'class="reaction reaction--mine" name="kind" value="thanks" aria-pressed="true"' in page


def test_reactions_refused_on_own_post_and_for_non_members(
    client_for, member, non_member, public_category, site
):
    topic = make_topic(public_category, member)
    url = f"/en/forum/post/{topic.first_post_id}/react/"
    assert client_for(member).post(url, {"kind": "thanks"}).status_code == 403
    assert client_for(non_member).post(url, {"kind": "thanks"}).status_code == 403
    assert not Reaction.objects.exists()


def test_solution_marked_by_topic_author_only(
    client_for, member, group_member, author, public_category, site
):
    topic = make_topic(public_category, author)
    answer = make_reply(topic, member)
    url = f"/en/forum/post/{answer.pk}/solved/"
    assert client_for(group_member).post(url).status_code == 403
    client_for(author).post(url)
    topic.refresh_from_db()
    assert topic.solved_post == answer
    assert (
        "Solved: see the solution"
        in client_for(group_member).get(topic.get_absolute_url()).content.decode()
    )
    client_for(author).post(url)  # a second click takes it back
    topic.refresh_from_db()
    assert topic.solved_post is None


@pytest.mark.parametrize("audience", ("public", "members", "groups"))
@pytest.mark.parametrize("role", ("anonymous", "non_member", "member", "group_member", "moderator"))
def test_mention_suggestions_audience(client_for, roles, categories, author, audience, role):
    topic = make_topic(categories[audience], author)
    response = client_for(roles[role]).get("/en/forum/mentions/", {"topic": topic.pk, "q": "auth"})
    visible = role in SEES[audience] and role not in ("anonymous", "non_member")
    assert response.status_code == (200 if visible else 404)
    if visible:
        assert response.json() == {"results": [{"name": "author-name"}]}


def test_mention_suggestions_only_people_who_may_see(
    client_for, group_category, author, group_member, member, non_member
):
    for user, name in (
        (group_member, "maria-inside"),
        (member, "mario-outside"),
        (non_member, "marta-stranger"),
    ):
        user.profile.display_name = name
        user.profile.save()
    topic = make_topic(group_category, author)
    names = (
        client_for(author)
        .get("/en/forum/mentions/", {"topic": topic.pk, "q": "mar"})
        .json()["results"]
    )
    assert names == [{"name": "maria-inside"}]


def test_unread_and_new_since_last_visit(
    client_for, member, author, public_category, site, time_machine
):
    time_machine.move_to(timezone.now())
    old = make_topic(public_category, author, title="Old topic")
    client = client_for(member)
    client.get("/en/forum/")  # first visit
    client.get(old.get_absolute_url())
    assert ReadState.objects.get(user=member, topic=old).last_read_position == 1
    time_machine.shift(timedelta(hours=2))
    make_reply(old, author)
    make_reply(old, author)
    fresh = make_topic(public_category, author, title="Fresh topic")
    time_machine.shift(timedelta(hours=1))
    body = client.get("/en/forum/unread/").content.decode()
    assert "Fresh topic" in body and "Old topic" in body
    assert "2 unread" in body and ">New<" in body
    client.get(old.get_absolute_url(), follow=True)  # to the first unread post, read there
    client.get(fresh.get_absolute_url())
    body = main_of(client.get("/en/forum/unread/").content.decode())
    assert "Fresh topic" not in body and "Old topic" not in body


def test_member_page_is_for_members(client, client_for, member, non_member, author, site):
    assert client_for(non_member).get(f"/en/forum/u/{author.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/en/forum/u/{author.pk}/").status_code == 404
    assert client_for(member).get(f"/en/forum/u/{author.pk}/").status_code == 200
    outsider = client_for(member).get(f"/en/forum/u/{non_member.pk}/")
    assert outsider.status_code == 404


def test_no_ip_addresses_are_stored(client_for, member, public_category, site):
    from django.apps import apps
    from django.db import models

    client_for(member).post(
        f"/en/forum/c/{public_category.slug}/new/",
        {"title": "T", "markdown": "M", "language": "en"},
        REMOTE_ADDR="203.0.113.9",
    )
    for model in apps.get_app_config("forum").get_models():
        for field in model._meta.get_fields():
            assert not isinstance(field, models.GenericIPAddressField), (model, field)
            assert "ip" not in field.name.split("_"), (model, field.name)
    assert "203.0.113.9" not in str(list(Post.objects.values()))


def test_follow_settings_through_the_views(
    client_for, member, author, public_category, group_category, site
):
    from forum.models import Subscription

    topic = make_topic(public_category, author)
    client = client_for(member)
    client.post(f"/en/forum/follow/topic/{topic.pk}/", {"level": "watch"})
    client.post(f"/en/forum/follow/category/{public_category.slug}/", {"level": "mute"})
    levels = dict(Subscription.objects.filter(user=member).values_list("level", "topic"))
    assert levels == {"watch": topic.pk, "mute": None}
    client.post(f"/en/forum/follow/topic/{topic.pk}/", {"level": ""})
    assert not Subscription.objects.filter(user=member, topic=topic).exists()
    hidden = make_topic(group_category, author)
    assert (
        client.post(f"/en/forum/follow/topic/{hidden.pk}/", {"level": "watch"}).status_code == 404
    )
    assert (
        client.post(
            f"/en/forum/follow/category/{group_category.slug}/", {"level": "watch"}
        ).status_code
        == 404
    )
    assert client.post("/en/forum/follow/topic/abc/", {"level": "watch"}).status_code == 404
    assert client.post("/en/forum/follow/page/1/", {"level": "watch"}).status_code == 404


BROKEN_TITLE = "Exit plans\r\nBcc: everyone@example.org\x07"


def test_new_topic_title_is_one_line_and_watchers_are_mailed(
    client_for, member, group_member, public_category, site
):
    """A line break in a title used to make every watcher's mail fail (a refused header)."""
    services.set_subscription(
        group_member, level=Subscription.Level.WATCH, category=public_category
    )
    response = client_for(member).post(
        f"/en/forum/c/{public_category.slug}/new/",
        {"title": BROKEN_TITLE, "markdown": "Start early.", "language": "en"},
    )
    assert response.status_code == 302
    topic = Topic.objects.get()
    assert topic.title == "Exit plans Bcc: everyone@example.org"
    [message] = [m for m in mail.outbox if m.to == [group_member.email]]
    assert message.subject == "New topic: “Exit plans Bcc: everyone@example.org”"
    assert message.recipients() == [group_member.email]  # no header smuggled in


def test_edited_title_is_one_line_and_replies_are_mailed(
    client_for, member, group_member, public_category, site
):
    topic = make_topic(public_category, member, title="Plain")
    services.set_subscription(group_member, level=Subscription.Level.WATCH, topic=topic)
    response = client_for(member).post(
        f"/en/forum/post/{topic.first_post.pk}/edit/",
        {"title": BROKEN_TITLE, "markdown": "Text", "language": "en", "reason": "", "version": 0},
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.title == "Exit plans Bcc: everyone@example.org"
    mail.outbox.clear()
    client_for(member).post(
        f"/en/forum/t/{topic.pk}/reply/", {"markdown": "More", "language": "en"}
    )
    [message] = [m for m in mail.outbox if m.to == [group_member.email]]
    assert message.subject == "New post in “Exit plans Bcc: everyone@example.org”"


def test_topic_title_is_one_line_whatever_saves_it(member, public_category, site):
    """The demo, an import or the admin: the model keeps titles on one line as well."""
    topic = make_topic(public_category, member, title="Made\nby code")
    assert Topic.objects.get(pk=topic.pk).title == "Made by code"
    topic.title = "Renamed\u2028again\x00"
    topic.save()
    assert Topic.objects.get(pk=topic.pk).title == "Renamed again"
