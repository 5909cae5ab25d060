"""Reports, the queue, every moderator action with its audit-log line, silences and the
new-member rate limit."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forum import services
from forum.factories import CategoryFactory, make_reply, make_topic
from forum.models import ModerationAction, Post, Report, Subscription, Topic
from partners.models import Audience, Notification

pytestmark = pytest.mark.django_db
Action = ModerationAction.Action


@pytest.fixture
def topic(public_category, author, site):
    topic = make_topic(public_category, author, title="Documenting torture: what we learnt")
    for i in range(3):
        make_reply(topic, author, markdown=f"Reply number {i}")
    return topic


def _only_log(action):
    (line,) = ModerationAction.objects.filter(action=action)
    return line


def test_report_a_post_reaches_the_queue(client_for, topic, member, moderator):
    post = topic.posts.get(position=2)
    response = client_for(member).post(
        f"/en/forum/post/{post.pk}/report/", {"reason": "safety", "details": "Names a witness"}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.post, report.reporter, report.reason) == (post, member, "safety")
    body = client_for(moderator).get("/en/forum/moderation/").content.decode()
    assert "Names a witness" in body and "Documenting torture" in body


def test_report_needs_sign_in_and_visibility(
    client, client_for, group_category, author, member, site
):
    hidden_topic = make_topic(group_category, author)
    url = f"/en/forum/post/{hidden_topic.first_post_id}/report/"
    assert client_for(member).post(url, {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_moderation_pages_are_for_moderators(client, client_for, member, site):
    assert client_for(member).get("/en/forum/moderation/").status_code == 403
    assert client_for(member).get("/en/forum/moderation/log/").status_code == 403
    client.logout()
    assert "/accounts/login/" in client.get("/en/forum/moderation/")["Location"]


def test_moderation_actions_are_refused_to_members(client_for, topic, member):
    post = topic.posts.get(position=2)
    response = client_for(member).post(
        f"/en/forum/moderation/post/{post.pk}/", {"action": "hide", "reason": "x"}
    )
    assert response.status_code == 403
    post.refresh_from_db()
    assert not post.is_hidden and not ModerationAction.objects.exists()


def test_hide_and_restore_post_with_audit_log(client_for, topic, member, moderator):
    post = topic.posts.get(position=2)
    client = client_for(moderator)
    client.post(
        f"/en/forum/moderation/post/{post.pk}/",
        {"action": "hide", "reason": "Identifies a detainee"},
    )
    post.refresh_from_db()
    assert post.is_hidden
    line = _only_log(Action.HIDE_POST)
    assert (line.moderator, line.post, line.member, line.reason) == (
        moderator,
        post,
        post.author,
        "Identifies a detainee",
    )
    assert timezone.now() - line.created_at < timedelta(minutes=1)
    topic.refresh_from_db()
    assert topic.reply_count == 2

    page = client_for(member).get(topic.get_absolute_url()).content.decode()
    assert "Reply number 0" not in page and "This post was hidden by a moderator." in page

    client_for(moderator).post(
        f"/en/forum/moderation/post/{post.pk}/",
        {"action": "restore", "reason": "Name removed by author"},
    )
    post.refresh_from_db()
    assert not post.is_hidden
    assert _only_log(Action.RESTORE_POST).reason == "Name removed by author"


def test_moderation_action_needs_a_reason(client_for, topic, moderator):
    post = topic.posts.get(position=2)
    client_for(moderator).post(f"/en/forum/moderation/post/{post.pk}/", {"action": "hide"})
    post.refresh_from_db()
    assert not post.is_hidden and not ModerationAction.objects.exists()


def test_lock_topic_stops_member_replies(client_for, topic, member, moderator):
    client_for(moderator).post(
        f"/en/forum/moderation/topic/{topic.pk}/",
        {"action": "lock", "reason": "Discussion concluded"},
    )
    topic.refresh_from_db()
    assert topic.is_locked
    assert _only_log(Action.LOCK).topic == topic
    response = client_for(member).post(
        f"/en/forum/t/{topic.pk}/reply/", {"markdown": "One more thing", "language": "en"}
    )
    assert response.status_code == 403
    assert "closed for replies" in response.content.decode()
    assert "One more thing" in response.content.decode()  # nothing typed is lost
    moderator_reply = client_for(moderator).post(
        f"/en/forum/t/{topic.pk}/reply/", {"markdown": "Closing note", "language": "en"}
    )
    assert moderator_reply.status_code == 302


def test_pin_topic_lists_it_first(client_for, topic, public_category, author, moderator):
    make_topic(public_category, author, title="A newer topic")
    client_for(moderator).post(
        f"/en/forum/moderation/topic/{topic.pk}/", {"action": "pin", "reason": "Key lessons"}
    )
    body = client_for(moderator).get(public_category.get_absolute_url()).content.decode()
    assert body.index("Documenting torture") < body.index("A newer topic")
    assert _only_log(Action.PIN).reason == "Key lessons"


def test_hide_topic_logs_and_hides(client_for, topic, member, moderator):
    client_for(moderator).post(
        f"/en/forum/moderation/topic/{topic.pk}/", {"action": "hide", "reason": "Off-topic"}
    )
    assert client_for(member).get(topic.get_absolute_url()).status_code == 404
    assert _only_log(Action.HIDE_TOPIC).topic == topic


def test_move_topic_updates_counters_and_access(
    client_for, topic, public_category, author, member, moderator, site
):
    services.set_subscription(member, level=Subscription.Level.WATCH, topic=topic)
    make_reply(topic, author)
    assert Notification.objects.filter(recipient=member).exists()
    closed = CategoryFactory(name="Staff room", slug="staff", audience=Audience.GROUPS)
    response = client_for(moderator).post(
        f"/en/forum/moderation/topic/{topic.pk}/move/",
        {"category": closed.pk, "reason": "Too sensitive"},
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    public_category.refresh_from_db()
    closed.refresh_from_db()
    assert topic.category == closed
    assert (public_category.topic_count, closed.topic_count) == (0, 1)
    assert closed.post_count == 5 and public_category.last_post is None
    assert _only_log(Action.MOVE).details == {"from": "lessons", "to": "staff"}
    assert not Notification.objects.filter(recipient=member).exists()
    assert client_for(member).get(topic.get_absolute_url()).status_code == 404


def test_split_replies_into_new_topic(client_for, topic, public_category, moderator):
    second, third = topic.posts.get(position=3), topic.posts.get(position=4)
    response = client_for(moderator).post(
        f"/en/forum/moderation/topic/{topic.pk}/split/",
        {
            "title": "A separate question",
            "category": public_category.pk,
            "posts": [second.pk, third.pk],
            "reason": "Different subject",
        },
    )
    assert response.status_code == 302
    new = Topic.objects.get(title="A separate question")
    assert list(new.posts.values_list("markdown", "position")) == [
        ("Reply number 1", 1),
        ("Reply number 2", 2),
    ]
    assert new.first_post == Post.objects.get(pk=second.pk)
    topic.refresh_from_db()
    assert list(topic.posts.values_list("position", flat=True)) == [1, 2]
    assert (topic.reply_count, new.reply_count, topic.last_position) == (1, 1, 2)
    line = _only_log(Action.SPLIT)
    assert line.details == {"new_topic": new.pk, "posts": [second.pk, third.pk]}


def test_split_needs_chosen_replies(client_for, topic, public_category, moderator):
    response = client_for(moderator).post(
        f"/en/forum/moderation/topic/{topic.pk}/split/",
        {"title": "Nothing", "category": public_category.pk, "reason": "x"},
    )
    assert response.status_code == 400
    assert not ModerationAction.objects.exists()


def test_silence_member_for_a_period(client_for, topic, member, moderator, time_machine):
    time_machine.move_to(timezone.now())
    response = client_for(moderator).post(
        f"/en/forum/moderation/member/{member.pk}/", {"days": 3, "reason": "Repeated insults"}
    )
    assert response.status_code == 302
    assert _only_log(Action.SILENCE).member == member
    refused = client_for(member).post(
        f"/en/forum/t/{topic.pk}/reply/", {"markdown": "Let me speak", "language": "en"}
    )
    assert refused.status_code == 403
    assert "paused your posting" in refused.content.decode()
    time_machine.shift(timedelta(days=3, minutes=1))
    allowed = client_for(member).post(
        f"/en/forum/t/{topic.pk}/reply/", {"markdown": "Back again", "language": "en"}
    )
    assert allowed.status_code == 302


def test_lift_silence(client_for, topic, member, moderator):
    services.silence_member(
        member, until=timezone.now() + timedelta(days=9), moderator=moderator, reason="Heated"
    )
    client_for(moderator).post(
        f"/en/forum/moderation/member/{member.pk}/", {"action": "lift", "reason": "Apologised"}
    )
    assert _only_log(Action.UNSILENCE).reason == "Apologised"
    response = client_for(member).post(
        f"/en/forum/t/{topic.pk}/reply/", {"markdown": "Thanks", "language": "en"}
    )
    assert response.status_code == 302


def test_resolve_report_is_logged(client_for, topic, member, moderator):
    report = services.report_post(topic.first_post, reporter=member, reason="spam")
    client_for(moderator).post(
        f"/en/forum/moderation/report/{report.pk}/", {"resolution": "Not spam: a real question"}
    )
    report.refresh_from_db()
    assert report.resolved_by == moderator and report.resolved_at
    assert _only_log(Action.RESOLVE_REPORT).reason == "Not spam: a real question"


def test_audit_log_page_shows_who_what_why(client_for, topic, moderator):
    moderator.profile.display_name = "mod-ana"
    moderator.profile.save()
    services.set_topic_locked(topic, True, moderator=moderator, reason="Cooling down")
    body = client_for(moderator).get("/en/forum/moderation/log/").content.decode()
    assert "mod-ana" in body and "Locked a topic" in body and "Cooling down" in body


def test_moderator_edit_of_someone_elses_post_is_logged(topic, moderator):
    post = topic.posts.get(position=2)
    services.edit_post(post, editor=moderator, markdown="[name removed]", reason="Safety")
    assert _only_log(Action.EDIT_POST).post == post


# --- Rate limit for new members -------------------------------------------------------------


@pytest.fixture
def posting_intervals(settings):
    """The production intervals (the test settings turn them off for every other test)."""
    from forum.conf import DEFAULTS

    settings.FORUM_SECONDS_BETWEEN_POSTS = DEFAULTS["SECONDS_BETWEEN_POSTS"]  # 10
    settings.FORUM_NEW_MEMBER_SECONDS_BETWEEN_POSTS = DEFAULTS["NEW_MEMBER_SECONDS_BETWEEN_POSTS"]


def test_rate_limit_lets_a_new_member_take_part_in_a_workshop(
    client_for, topic, member, time_machine, posting_intervals
):
    # The defaults: 30 seconds between a new member's posts, 20 a day.
    time_machine.move_to(timezone.now(), tick=False)
    client = client_for(member)
    url = f"/en/forum/t/{topic.pk}/reply/"
    for number in range(1, 21):
        response = client.post(url, {"markdown": f"point {number}", "language": "en"})
        assert response.status_code == 302, number
        time_machine.shift(timedelta(seconds=31))
    refused = client.post(url, {"markdown": "twenty-first, kept", "language": "en"})
    body = refused.content.decode()
    assert refused.status_code == 403
    assert "20 posts a day" in body
    assert "twenty-first, kept" in body and "What you wrote is kept" in body
    time_machine.shift(timedelta(days=1))
    assert client.post(url, {"markdown": "next day", "language": "en"}).status_code == 302


def test_rate_limit_stops_a_flood_with_a_short_wait(
    client_for, topic, member, time_machine, posting_intervals
):
    time_machine.move_to(timezone.now(), tick=False)
    client = client_for(member)
    url = f"/en/forum/t/{topic.pk}/reply/"
    assert client.post(url, {"markdown": "first", "language": "en"}).status_code == 302
    time_machine.shift(timedelta(seconds=12))
    refused = client.post(url, {"markdown": "second, kept", "language": "en"})
    assert refused.status_code == 403
    assert "Please wait 18 seconds" in refused.content.decode()
    assert "second, kept" in refused.content.decode()
    time_machine.shift(timedelta(seconds=18))
    assert client.post(url, {"markdown": "second", "language": "en"}).status_code == 302


def test_rate_limit_quote_page_refusal_does_not_claim_a_form(
    client_for, topic, member, time_machine, posting_intervals
):
    time_machine.move_to(timezone.now(), tick=False)
    client = client_for(member)
    post = make_reply(topic, member, markdown="quoted")
    refused = client.get(f"/en/forum/t/{topic.pk}/reply/?quote={post.pk}")
    body = refused.content.decode()
    assert refused.status_code == 403
    assert "Please wait 30 seconds" in body
    assert "still in the form" not in body and "What you wrote is kept" not in body


def test_rate_limit_lifts_after_approved_posts(
    client_for, topic, member, settings, time_machine, posting_intervals
):
    settings.FORUM_NEW_MEMBER_POSTS_PER_DAY = 1
    settings.FORUM_NEW_MEMBER_APPROVED_POSTS = 2
    time_machine.move_to(timezone.now() - timedelta(days=2), tick=False)
    for text in ("old one", "old two"):
        make_reply(topic, member, markdown=text)
    time_machine.move_to(timezone.now() + timedelta(days=2), tick=False)
    client = client_for(member)
    url = f"/en/forum/t/{topic.pk}/reply/"
    for text in ("new one", "new two", "new three"):
        # Established members wait only the short interval, and have no daily cap.
        assert client.post(url, {"markdown": text, "language": "en"}).status_code == 302
        time_machine.shift(timedelta(seconds=11))


def test_reported_posts_do_not_count_as_approved(topic, member, moderator, settings, time_machine):
    from forum.permissions import approved_post_count

    time_machine.move_to(timezone.now() - timedelta(days=2))
    first = make_reply(topic, member)
    make_reply(topic, member)
    time_machine.move_to(timezone.now() + timedelta(days=2))
    assert approved_post_count(member) == 2
    services.report_post(first, reporter=moderator, reason="abuse")
    assert approved_post_count(member) == 1


def test_moderation_tools_fold_into_one_menu_per_post(client_for, topic, moderator, member):
    make_reply(topic, member, markdown="a reply")
    posts = topic.posts.count()
    body = client_for(moderator).get(topic.get_absolute_url()).content.decode()
    assert body.count('<details class="post-moderation">') == posts
    # Every post's moderation form sits inside its folded menu, none under the posts.
    assert body.count('class="moderation-inline"') == posts
    for part in body.split('<details class="post-moderation">')[1:]:
        assert part.index('class="moderation-inline"') < part.index("</details>")
    assert 'class="moderation-inline"' not in body.split('<details class="post-moderation">')[0]


def test_moderation_menu_is_not_shown_to_members(client_for, topic, member):
    body = client_for(member).get(topic.get_absolute_url()).content.decode()
    assert "post-moderation" not in body and "moderation-inline" not in body
