"""The forum's feel: jumping to the first unread post, replying where you read (preview,
drafts on the server), quote and reaction notifications, bookmarks with reminders, answers
in JSON for in-place updates, avatars, relative times and page numbers."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone, translation

from forum import services, tasks
from forum.factories import make_reply, make_topic
from forum.models import Bookmark, Draft, NotificationPreference, ReadState
from home.models import OutboxMessage
from home.templatetags.gpe_display import avatar_colour, initials, relative_label
from partners.factories import MembershipFactory
from partners.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(public_category, author):
    topic = make_topic(public_category, author, title="Closing a partnership well")
    for i in range(2, 46):
        make_reply(topic, author, markdown=f"Reply number {i}")
    return topic


# --- Unread --------------------------------------------------------------------------------


def test_topic_opens_on_the_first_unread_post(client_for, member, topic, site, settings):
    settings.FORUM_POSTS_PER_PAGE = 20
    ReadState.objects.create(user=member, topic=topic, last_read_position=25)
    client = client_for(member)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == f"{topic.get_absolute_url()}?page=2#new"
    html = client.get(f"{topic.get_absolute_url()}?page=2").content.decode()
    assert html.count('id="new"') == 1
    assert "New since your last visit" in html
    # Posts 26–40 are new on this page, 21–25 are not.
    assert html.count("post--new") == 15
    assert html.index("Reply number 25") < html.index('id="new"') < html.index("Reply number 26")


def test_topic_read_to_the_end_or_never_opened_does_not_jump(
    client_for, member, topic, site, settings
):
    client = client_for(member)
    first = client.get(topic.get_absolute_url())  # never opened: from the start, no markers
    assert first.status_code == 200
    assert 'id="new"' not in first.content.decode()
    ReadState.objects.filter(user=member, topic=topic).update(last_read_position=45)
    assert client.get(topic.get_absolute_url()).status_code == 200


def test_unread_badge_links_to_the_topic(client_for, member, topic, public_category, site):
    ReadState.objects.create(user=member, topic=topic, last_read_position=40)
    html = client_for(member).get(public_category.get_absolute_url()).content.decode()
    assert f'href="{topic.get_absolute_url()}" class="badge badge--new"' in html
    assert "5 unread" in html


# --- Reply where you read -------------------------------------------------------------------


def test_reply_box_and_reply_to_this_post(client_for, member, author, topic, site):
    client = client_for(member)
    html = client.get(f"{topic.get_absolute_url()}?page=3").content.decode()
    assert 'id="reply"' in html and 'value="preview"' in html and 'value="draft"' in html
    post = topic.posts.get(position=45)
    assert f"/forum/t/{topic.pk}/reply/?to={post.pk}" in html
    form = client.get(f"/en/forum/t/{topic.pk}/reply/?to={post.pk}").content.decode()
    assert f'name="reply_to" value="{post.pk}"' in form
    assert "Replying to post #45" in form


def test_preview_renders_through_the_sanitiser_and_keeps_a_draft(client_for, member, topic, site):
    client = client_for(member)
    response = client.post(
        f"/en/forum/t/{topic.pk}/reply/",
        {
            "markdown": "**Bold** <script>alert(1)</script>",
            "language": "en",
            "action": "preview",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Bold</strong>" in html
    assert "<script>alert(1)" not in html
    assert topic.posts.count() == 45  # nothing posted
    draft = Draft.objects.get(user=member, topic=topic)
    assert draft.markdown.startswith("**Bold**")


def test_draft_is_kept_shown_again_and_deleted_when_posted(client_for, member, topic, site):
    client = client_for(member)
    response = client.post(
        f"/en/forum/t/{topic.pk}/reply/",
        {"markdown": "Half a thought", "language": "fr", "action": "draft"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?page=3#reply")
    assert Draft.objects.filter(user=member, topic=topic, language="fr").exists()
    page = client.get(f"{topic.get_absolute_url()}?page=3").content.decode()
    assert "Half a thought</textarea>" in page
    assert "Your draft is back" in page
    account = client.get("/en/partners/account/").content.decode()
    assert "Closing a partnership well" in account and 'id="forum"' in account
    client.post(
        f"/en/forum/t/{topic.pk}/reply/",
        {"markdown": "Half a thought, finished", "language": "fr"},
    )
    assert not Draft.objects.filter(user=member).exists()
    assert topic.posts.filter(markdown="Half a thought, finished").exists()


def test_draft_can_be_deleted(client_for, member, topic, site):
    services.save_draft(member, topic=topic, markdown="Never mind")
    client_for(member).post(f"/en/forum/t/{topic.pk}/reply/", {"action": "discard"})
    assert not Draft.objects.exists()


def test_drafts_are_private_to_their_author(client_for, member, author, topic, site):
    services.save_draft(member, topic=topic, markdown="My private thoughts")
    other = client_for(author)
    for url in (
        f"{topic.get_absolute_url()}?page=3",
        f"/en/forum/t/{topic.pk}/reply/",
        "/en/partners/account/",
    ):
        assert "My private thoughts" not in other.get(url).content.decode()


def test_refused_reply_is_kept_as_a_draft(client_for, member, topic, site, settings):
    client = client_for(member)
    settings.FORUM_NEW_MEMBER_SECONDS_BETWEEN_POSTS = 3600
    client.post(f"/en/forum/t/{topic.pk}/reply/", {"markdown": "First", "language": "en"})
    response = client.post(
        f"/en/forum/t/{topic.pk}/reply/", {"markdown": "Second, too soon", "language": "en"}
    )
    assert response.status_code == 403
    assert "Second, too soon</textarea>" in response.content.decode()
    assert Draft.objects.get(user=member).markdown == "Second, too soon"


def test_old_drafts_are_deleted(member, topic):
    services.save_draft(member, topic=topic, markdown="Old")
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert tasks.delete_old_drafts.call() == 1
    assert not Draft.objects.exists()


def test_drafts_in_export_and_deleted_with_the_account(member, topic):
    from home.hooks import account_deletion, data_export

    services.save_draft(member, topic=topic, markdown="Exported words")
    services.toggle_bookmark(topic.first_post, user=member)
    forum = data_export(member)["forum"]
    assert forum["drafts"][0]["text"] == "Exported words"
    assert forum["bookmarks"][0]["post"] == topic.first_post_id
    account_deletion(member)
    assert not Draft.objects.exists() and not Bookmark.objects.exists()


# --- Notifications ----------------------------------------------------------------------------


def test_quoting_notifies_the_quoted_author(author, member, topic):
    quoted = topic.posts.get(position=2)
    services.create_reply(
        author=member,
        topic=topic,
        markdown="> Reply number 2\n\nI agree",
        language="en",
        reply_to=quoted,
    )
    assert Notification.objects.filter(recipient=author, kind="forum.quote").count() == 1
    assert not Notification.objects.filter(recipient=author, kind="forum.reply").exists()


def test_quote_notifications_can_be_switched_off(author, member, topic):
    NotificationPreference.objects.create(user=author, notify_quotes=False)
    services.create_reply(
        author=member,
        topic=topic,
        markdown="> Reply number 2",
        language="en",
        reply_to=topic.posts.get(position=2),
    )
    assert not Notification.objects.filter(recipient=author, kind="forum.quote").exists()
    assert Notification.objects.filter(recipient=author, kind="forum.reply").exists()


def test_reactions_notify_the_author_once_and_can_be_switched_off(author, member, topic):
    post = topic.posts.get(position=3)
    services.toggle_reaction(post, user=member, kind="thanks")
    services.toggle_reaction(post, user=member, kind="helpful")
    services.toggle_reaction(post, user=MembershipFactory().user, kind="thanks")
    assert Notification.objects.filter(recipient=author, kind="forum.reaction").count() == 1
    NotificationPreference.objects.update_or_create(
        user=author, defaults={"notify_reactions": False}
    )
    services.toggle_reaction(topic.posts.get(position=4), user=member, kind="thanks")
    assert Notification.objects.filter(recipient=author, kind="forum.reaction").count() == 1


def test_preferences_page_has_both_switches(client_for, member, site):
    client = client_for(member)
    html = client.get("/en/forum/preferences/").content.decode()
    assert 'name="notify_quotes"' in html and 'name="notify_reactions"' in html
    client.post("/en/forum/preferences/", {"email": "never", "notify_quotes": "on"})
    preference = NotificationPreference.objects.get(user=member)
    assert preference.notify_quotes and not preference.notify_reactions


# --- Bookmarks ------------------------------------------------------------------------------


def test_bookmark_toggles_as_a_form_and_as_json(client_for, member, topic, site):
    post = topic.posts.get(position=5)
    client = client_for(member)
    response = client.post(f"/en/forum/post/{post.pk}/bookmark/")
    assert response.status_code == 302
    assert Bookmark.objects.filter(user=member, post=post).exists()
    page = client.get("/en/forum/bookmarks/").content.decode()
    assert "Closing a partnership well" in page
    response = client.post(f"/en/forum/post/{post.pk}/bookmark/", HTTP_ACCEPT="application/json")
    assert response.json() == {"bookmarked": False}
    assert not Bookmark.objects.exists()


def test_bookmark_reminder_is_sent_once_in_the_members_language(member, topic):
    member.profile.language = "fr"
    member.profile.save()
    post = topic.posts.get(position=5)
    services.set_bookmark_reminder(post, user=member, remind_at=timezone.now() + timedelta(days=1))
    assert tasks.send_bookmark_reminders.call() == 0  # not yet due
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        mail.outbox.clear()
        assert tasks.send_bookmark_reminders.call() == 1
        assert tasks.send_bookmark_reminders.call() == 0
    reminders = Notification.objects.filter(recipient=member, kind="forum.bookmark_reminder")
    assert reminders.count() == 1
    assert Bookmark.objects.get().reminded_at is not None
    message = OutboxMessage.objects.get(user=member)
    assert message.language == "fr"
    assert "Closing a partnership well" in message.subject


def test_bookmark_reminder_on_a_post_no_longer_visible_sends_nothing(
    member, author, topic, moderator
):
    post = topic.posts.get(position=5)
    services.set_bookmark_reminder(post, user=member, remind_at=timezone.now())
    services.set_post_hidden(post, True, moderator=moderator, reason="spam")
    assert tasks.send_bookmark_reminders.call() == 0
    assert not Notification.objects.filter(kind="forum.bookmark_reminder").exists()


def test_bookmarks_of_others_and_of_unseen_posts_are_not_listed(
    client_for, member, author, topic, moderator, site
):
    visible, hidden = topic.posts.get(position=6), topic.posts.get(position=7)
    services.toggle_bookmark(visible, user=author)
    services.toggle_bookmark(hidden, user=member)
    services.set_post_hidden(hidden, True, moderator=moderator, reason="spam")
    html = client_for(member).get("/en/forum/bookmarks/").content.decode()
    assert "No bookmarks yet" in html


def test_reacting_and_following_answer_json(client_for, member, topic, site):
    client = client_for(member)
    post = topic.posts.get(position=8)
    answer = client.post(
        f"/en/forum/post/{post.pk}/react/", {"kind": "thanks"}, HTTP_ACCEPT="application/json"
    )
    assert answer.json() == {"mine": True, "count": 1}
    answer = client.post(
        f"/en/forum/follow/topic/{topic.pk}/", {"level": "watch"}, HTTP_ACCEPT="application/json"
    )
    assert answer.json() == {"level": "watch"}


# --- Avatars, times, pages -----------------------------------------------------------------


def test_initials_from_the_shown_name():
    assert initials("Nadia Rahman") == "NR"
    assert initials("@nadia.r") == "N"
    assert initials("نادية رحمن") == "نر"
    assert initials("") == "?"
    assert avatar_colour("Nadia Rahman") == avatar_colour("Nadia Rahman")


def test_pseudonymous_avatar_never_shows_the_real_name(client_for, member, site, categories):
    from forum.factories import CategoryFactory

    category = CategoryFactory(slug="open", allow_pseudonymous=True)
    member.profile.display_name = "Zora Quill"
    member.profile.save()
    topic = services.create_topic(
        author=member,
        category=category,
        title="Without my name",
        markdown="Hello",
        language="en",
        pseudonymous=True,
    )
    html = client_for(MembershipFactory().user).get(topic.get_absolute_url()).content.decode()
    assert ">ZQ<" not in html and "Zora" not in html
    assert 'class="avatar avatar--' in html


def test_relative_times_in_the_readers_language():
    now = timezone.now()
    assert relative_label(now, now) == "just now"
    assert relative_label(now - timedelta(hours=3), now) == "3\xa0hours ago"
    with translation.override("ar"):
        assert relative_label(now - timedelta(hours=3), now) != "3\xa0hours ago"
    with translation.override("fr"):
        assert "heures" in relative_label(now - timedelta(hours=3), now)


def test_post_times_carry_the_exact_time(client, topic, site):
    html = client.get(topic.get_absolute_url()).content.decode()
    assert '<time datetime="' in html and 'title="' in html


def test_page_numbers_with_first_and_last(client, topic, site, settings):
    settings.FORUM_POSTS_PER_PAGE = 5
    html = client.get(f"{topic.get_absolute_url()}?page=5").content.decode()
    assert ">First</a>" in html and ">Last</a>" in html
    assert "page=9" in html and "page=1" in html
    assert 'aria-current="page"' in html
    assert "…" in html
