"""Notifications in the site and by email: who gets them, what emails may say, and access
checked again when a notification is listed and when an email is sent."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from forum import services, tasks
from forum.factories import make_reply, make_topic
from forum.models import NotificationPreference, Subscription
from home import mail as mail_outbox
from home.models import OutboxMessage
from partners import access
from partners import notifications as site_notifications
from partners.factories import MembershipFactory
from partners.models import Audience, Notification

from .conftest import SEES

pytestmark = pytest.mark.django_db
Level = Subscription.Level


class Kind:
    MENTION, REPLY = "forum.mention", "forum.reply"
    NEW_POST, NEW_TOPIC = "forum.new_post", "forum.new_topic"


def _named(user, name):
    user.profile.display_name = name
    user.profile.save()
    return user


@pytest.mark.parametrize("audience", ("public", "members", "groups"))
@pytest.mark.parametrize("role", ("non_member", "member", "group_member", "moderator"))
def test_notification_and_email_audience(roles, categories, author, site, audience, role):
    """Everyone watches the category (a subscription may outlive access); only those who may
    see the new topic are notified and emailed."""
    user = roles[role]
    services.set_subscription(user, level=Level.WATCH, category=categories[audience])
    make_topic(categories[audience], author, title=f"Topic in {audience}")
    notified = Notification.objects.filter(recipient=user, kind=Kind.NEW_TOPIC).exists()
    emailed = [m for m in mail.outbox if m.to == [user.email]]
    assert notified == (role in SEES[audience])
    assert bool(emailed) == (role in SEES[audience])


def test_notification_list_needs_sign_in(client, site):
    response = client.get("/en/partners/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_notification_reply_to_author_not_self(public_category, author, member, site):
    topic = make_topic(public_category, author)
    reply = make_reply(topic, member, reply_to=topic.first_post)
    assert Notification.objects.get(recipient=author).kind == Kind.REPLY
    assert not Notification.objects.filter(recipient=member).exists()
    make_reply(topic, author, reply_to=reply)
    assert Notification.objects.get(recipient=member).kind == Kind.REPLY


def test_notification_levels_watch_track_mute(public_category, author, site):
    watcher, tracker, muter = (MembershipFactory().user for _ in range(3))
    topic = make_topic(public_category, author)
    for user, level in ((watcher, Level.WATCH), (tracker, Level.TRACK), (muter, Level.MUTE)):
        services.set_subscription(user, level=level, topic=topic)
    _named(muter, "muter")
    make_reply(topic, author, markdown="news for @muter")
    assert Notification.objects.filter(recipient=watcher, kind=Kind.NEW_POST).count() == 1
    assert not Notification.objects.filter(recipient=tracker).exists()
    assert not Notification.objects.filter(recipient=muter).exists()


def test_notification_topic_setting_wins_over_category(public_category, author, member, site):
    services.set_subscription(member, level=Level.WATCH, category=public_category)
    topic = make_topic(public_category, author)
    services.set_subscription(member, level=Level.MUTE, topic=topic)
    Notification.objects.all().delete()
    make_reply(topic, author)
    assert not Notification.objects.filter(recipient=member).exists()


def test_posting_tracks_the_topic_by_default(public_category, author, member, site):
    topic = make_topic(public_category, author)
    make_reply(topic, member)
    assert Subscription.objects.get(user=member, topic=topic).level == Level.TRACK


def test_mention_links_and_notifies_only_those_who_may_see(
    group_category, author, group_member, member, non_member, site
):
    _named(group_member, "insider")
    _named(member, "outsider-member")
    _named(non_member, "stranger")
    topic = make_topic(
        group_category, author, markdown="Ask @insider, @outsider-member and @stranger. `@insider`"
    )
    html = topic.first_post.html
    assert f'<a href="/forum/u/{group_member.pk}/" rel="nofollow noopener ugc">@insider</a>' in html
    assert "@outsider-member" in html and f"/forum/u/{member.pk}/" not in html
    assert f"/forum/u/{non_member.pk}/" not in html
    assert "<code>@insider</code>" in html  # code is left alone
    assert list(Notification.objects.values_list("recipient", "kind")) == [
        (group_member.pk, Kind.MENTION)
    ]


def test_mention_ambiguous_name_reaches_nobody(public_category, author, site):
    twins = [_named(MembershipFactory().user, "twin") for _ in range(2)]
    topic = make_topic(public_category, author, markdown="Hello @twin")
    assert "/forum/u/" not in topic.first_post.html
    assert not Notification.objects.filter(recipient__in=twins).exists()


def test_mention_added_by_edit_is_notified_once(public_category, author, member, site):
    _named(member, "newcomer")
    topic = make_topic(public_category, author, markdown="First version")
    services.edit_post(topic.first_post, editor=author, markdown="Now with @newcomer")
    services.edit_post(topic.first_post, editor=author, markdown="Still @newcomer, fixed typo")
    assert Notification.objects.filter(recipient=member, kind=Kind.MENTION).count() == 1


# --- Emails ---------------------------------------------------------------------------------


def _email_for(user):
    (message,) = [m for m in mail.outbox if m.to == [user.email]]
    return message


def test_email_public_topic_has_title_excerpt_and_link(public_category, author, member, site):
    services.set_subscription(member, level=Level.WATCH, category=public_category)
    topic = make_topic(
        public_category,
        author,
        title="Closing an office safely",
        markdown="Shred the *visitor logs* first.",
    )
    message = _email_for(member)
    assert "Closing an office safely" in message.subject
    assert "Shred the visitor logs first." in message.body
    # Links in the reader's language (theirs is English here).
    assert f"http://testserver/en/forum/post/{topic.first_post_id}/" in message.body


def test_email_members_topic_has_title_and_link_only(members_category, author, member, site):
    services.set_subscription(member, level=Level.WATCH, category=members_category)
    topic = make_topic(
        members_category,
        author,
        title="Budget lines we lost",
        markdown="The donor cut the line for psychosocial care.",
    )
    message = _email_for(member)
    assert "Budget lines we lost" in message.subject
    assert "psychosocial" not in message.body and "author-name" not in message.body
    assert f"/forum/post/{topic.first_post_id}/" in message.body


def test_email_sensitive_category_has_no_title(sensitive_category, author, group_member, site):
    services.set_subscription(group_member, level=Level.WATCH, category=sensitive_category)
    make_topic(sensitive_category, author, title="Names of the witnesses", markdown="Details")
    message = _email_for(group_member)
    assert message.subject == "New activity in a space you follow"
    assert "witnesses" not in message.body.lower() and "Details" not in message.body
    assert "/en/partners/notifications/" in message.body
    assert "/forum/post/" not in message.body and "/forum/t/" not in message.body


def test_email_checks_access_again_when_sent(
    group_category, author, group_member, working_group, site, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    topic = make_topic(group_category, author)
    notification = Notification.objects.create(
        recipient=group_member, kind=Kind.NEW_POST, target=topic.first_post
    )
    message = site_notifications.send_email(notification)  # queued; the worker is slow
    # The member leaves the working group before the worker sends it: the outbox asks again.
    group_member.groups.remove(working_group)
    assert mail_outbox.deliver_mail.call(message.pk) is False
    assert mail.outbox == []
    message.refresh_from_db()
    assert message.dropped_because == OutboxMessage.Dropped.NO_LONGER_ALLOWED


def test_email_failure_does_not_lose_the_post(
    client_for, public_category, author, member, site, settings
):
    settings.EMAIL_BACKEND = "tests.failing_backends.FailingEmailBackend"
    services.set_subscription(author, level=Level.WATCH, category=public_category)
    response = client_for(member).post(
        f"/en/forum/c/{public_category.slug}/new/",
        {"title": "Still saved", "markdown": "Even when mail is down.", "language": "en"},
    )
    assert response.status_code == 302
    assert client_for(member).get(response["Location"]).status_code == 200
    assert Notification.objects.filter(recipient=author).exists()


# --- Digest ---------------------------------------------------------------------------------


def _digest_reader(user):
    preference = NotificationPreference.for_user(user)
    preference.email = NotificationPreference.Email.DIGEST
    preference.save()
    return user


def test_digest_collects_unread_and_leaves_out_sensitive(
    public_category, members_category, sensitive_category, author, group_member, site
):
    _digest_reader(group_member)
    for category in (public_category, members_category, sensitive_category):
        services.set_subscription(group_member, level=Level.WATCH, category=category)
    make_topic(public_category, author, title="Public lessons", markdown="Open text.")
    make_topic(members_category, author, title="Members lessons", markdown="Closed text.")
    make_topic(sensitive_category, author, title="Hidden lessons", markdown="Secret text.")
    assert mail.outbox == []  # nothing immediate for a digest reader
    read = make_topic(public_category, author, title="Already read")
    Notification.objects.filter(target_id=read.first_post_id).update(read_at="2020-01-01T00:00Z")

    assert tasks.send_daily_digests.call() == 1
    message = _email_for(group_member)
    assert message.subject == "2 new items in the forum"
    assert "Public lessons" in message.body and "Open text." in message.body
    assert "Members lessons" in message.body and "Closed text." not in message.body
    assert "Hidden lessons" not in message.body and "Secret text" not in message.body
    assert "Already read" not in message.body
    # Sent items are not sent again; a digest needs 20 hours to pass.
    mail.outbox.clear()
    tasks.send_digest.call(group_member.pk)
    assert mail.outbox == []
    assert tasks.send_daily_digests.call() == 0


def test_digest_leaves_out_what_was_lost(members_category, author, member, site):
    _digest_reader(member)
    services.set_subscription(member, level=Level.WATCH, category=members_category)
    make_topic(members_category, author, title="Members lessons")
    member.memberships.all().delete()
    tasks.send_digest.call(member.pk)
    assert mail.outbox == []


# --- In the site ----------------------------------------------------------------------------


def _bell(user):
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load partners_tags %}{% notification_bell %}").render(
        Context({"request": request})
    )


def test_bell_counts_unread_in_one_query(public_category, author, member, site):
    services.set_subscription(member, level=Level.WATCH, category=public_category)
    topic = make_topic(public_category, author)
    make_reply(topic, author)
    # A request knows the user's groups and membership already (partners.backends), and the
    # chrome has read the page view restrictions (notifications about pages need them).
    access.group_ids(member), access.is_member(member)
    access.PAGE_RESTRICTIONS.denied_paths(member)
    with CaptureQueriesContext(connection) as queries:
        html = _bell(member)
    # The count of unread notifications the member may see; with some unread, the latest of
    # them for the dropdown and their targets (posts with topics, categories and authors).
    assert len(queries) == 3
    assert '<span class="notification-bell__count" aria-hidden="true">2</span>' in html
    assert len(re.findall(r'href="[^"]*/partners/notifications/\d+/"', html)) == 2  # each opens it
    assert "Mark all as read" in html


def test_bell_with_nothing_unread_costs_only_the_count(member, site):
    access.group_ids(member), access.is_member(member)
    access.PAGE_RESTRICTIONS.denied_paths(member)
    with CaptureQueriesContext(connection) as queries:
        html = _bell(member)
    assert len(queries) == 1
    assert "<details" in html  # opens without JavaScript
    assert "Nothing new." in html
    assert "Mark all as read" not in html


def test_bell_hidden_for_anonymous():
    from django.contrib.auth.models import AnonymousUser

    assert "notification-bell" not in _bell(AnonymousUser())


def test_leaving_a_group_removes_notifications_at_once(
    client_for, group_category, author, group_member, working_group, site
):
    services.set_subscription(group_member, level=Level.WATCH, category=group_category)
    make_topic(group_category, author, title="Working group minutes")
    client = client_for(group_member)
    assert "Working group minutes" in client.get("/en/partners/notifications/").content.decode()
    working_group.user_set.remove(group_member)  # from the group's side this time
    assert 'class="notification-bell__count"' not in _bell(group_member)
    assert "Working group minutes" not in client.get("/en/partners/notifications/").content.decode()


def test_narrowing_a_category_removes_notifications_at_once(members_category, author, member, site):
    services.set_subscription(member, level=Level.WATCH, category=members_category)
    make_topic(members_category, author)
    assert Notification.objects.filter(recipient=member).exists()
    members_category.audience = Audience.GROUPS
    members_category.save()
    members_category.groups.add(Group.objects.create(name="Someone else's group"))
    assert not Notification.objects.filter(recipient=member).exists()


def test_losing_membership_stops_notifications(members_category, author, member, site):
    services.set_subscription(member, level=Level.WATCH, category=members_category)
    member.memberships.all().delete()
    access.forget(member)
    make_topic(members_category, author)
    assert not Notification.objects.filter(recipient=member).exists()


def test_notification_list_rechecks_access(client_for, members_category, author, site):
    user = MembershipFactory().user
    services.set_subscription(user, level=Level.WATCH, category=members_category)
    make_topic(members_category, author, title="Members only news")
    # The email address stops being verified: no signal for that, the list re-checks.
    user.emailaddress_set.update(verified=False)
    body = client_for(user).get("/en/partners/notifications/").content.decode()
    assert "Members only news" not in body
    assert not Notification.objects.filter(recipient=user).exists()


def test_notification_open_marks_read_and_goes_to_post(
    client_for, public_category, author, member, site
):
    services.set_subscription(member, level=Level.WATCH, category=public_category)
    topic = make_topic(public_category, author)
    notification = Notification.objects.get(recipient=member)
    client = client_for(member)
    response = client.get(f"/en/partners/notifications/{notification.pk}/")
    assert response["Location"] == f"/en/forum/post/{topic.first_post_id}/"
    assert client.get(response["Location"])["Location"] == (
        f"{topic.get_absolute_url()}?page=1#post-{topic.first_post_id}"
    )
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_notification_of_someone_else_is_404(
    client_for, public_category, author, member, group_member, site
):
    services.set_subscription(member, level=Level.WATCH, category=public_category)
    make_topic(public_category, author)
    notification = Notification.objects.get(recipient=member)
    response = client_for(group_member).get(f"/en/partners/notifications/{notification.pk}/")
    assert response.status_code == 404


def test_sensitive_notification_listed_without_title(
    client_for, sensitive_category, author, group_member, site
):
    services.set_subscription(group_member, level=Level.WATCH, category=sensitive_category)
    make_topic(sensitive_category, author, title="Names of the witnesses")
    body = client_for(group_member).get("/en/partners/notifications/").content.decode()
    assert "New activity in a space you follow" in body
    assert "witnesses" not in body


def test_preferences_choose_digest(client_for, member, site):
    client = client_for(member)
    response = client.post("/en/forum/preferences/", {"email": "digest"})
    assert response.status_code == 302
    assert NotificationPreference.for_user(member).email == "digest"


def test_send_forum_digests_command(public_category, author, member, site):
    from django.core.management import call_command

    _digest_reader(member)
    services.set_subscription(member, level=Level.WATCH, category=public_category)
    make_topic(public_category, author, title="Digest me")
    call_command("send_forum_digests", stdout=io.StringIO())
    assert "Digest me" in _email_for(member).body


def test_mention_is_stored_so_a_hand_written_profile_link_counts_for_nothing(
    public_category, author, member, site
):
    """Mentions are rows: a link to a profile written by hand does not make its member
    "already mentioned", so a real mention added later still notifies them."""
    _named(member, "later")
    topic = make_topic(
        public_category, author, markdown=f"See [this member](/forum/u/{member.pk}/)."
    )
    assert not Notification.objects.filter(recipient=member).exists()

    services.edit_post(topic.first_post, editor=author, markdown="Now a real mention of @later")

    assert Notification.objects.filter(recipient=member, kind=Kind.MENTION).count() == 1
    assert list(topic.first_post.mentions.values_list("user", flat=True)) == [member.pk]
