"""home.mail: mail in the reader's language, a durable outbox, retries while the mail server
is down, sent once, and the last access check right before sending."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from forum import services, tasks
from forum.factories import CategoryFactory, make_topic
from forum.models import NotificationPreference, Subscription
from home import mail as outbox
from home.models import OutboxMessage
from partners.factories import MembershipFactory
from partners.models import Audience

pytestmark = pytest.mark.django_db

DOWN = "tests.failing_backends.FailingEmailBackend"


@pytest.fixture
def arabic_member(db):
    user = MembershipFactory(user__username="arabic-reader").user
    user.profile.language = "ar"
    user.profile.save()
    return user


@pytest.fixture
def category(db):
    return CategoryFactory(audience=Audience.PUBLIC, slug="lessons")


def _mail_to(user):
    (message,) = [m for m in mail.outbox if m.to == [user.email]]
    return message


def test_mail_forum_notification_reaches_an_arabic_reader_in_arabic(category, arabic_member, site):
    services.set_subscription(arabic_member, level=Subscription.Level.WATCH, category=category)
    author = MembershipFactory().user
    topic = make_topic(category, author, title="Closing an office safely", markdown="Shred it.")

    message = _mail_to(arabic_member)

    assert message.subject == "موضوع جديد: «Closing an office safely»"
    assert "بقلم" in message.body  # "Written by", in Arabic
    assert f"http://testserver/ar/forum/post/{topic.first_post_id}/" in message.body
    assert "http://testserver/ar/forum/preferences/" in message.body


def test_mail_forum_digest_reaches_an_arabic_reader_in_arabic(category, arabic_member, site):
    NotificationPreference.objects.create(
        user=arabic_member, email=NotificationPreference.Email.DIGEST
    )
    services.set_subscription(arabic_member, level=Subscription.Level.WATCH, category=category)
    make_topic(category, MembershipFactory().user, title="Budget lessons")
    assert mail.outbox == []

    assert tasks.send_digest.call(arabic_member.pk) == 1

    message = _mail_to(arabic_member)
    assert "المنتدى" in message.subject  # "the forum"
    assert "Budget lessons" in message.body and "/ar/forum/post/" in message.body


def test_mail_server_down_keeps_the_message_and_sends_it_once_later(settings, member):
    settings.EMAIL_BACKEND = DOWN
    message = outbox.send_mail(
        to=member, template="partners/email/contact", context={"sender_name": "Kite"}
    )
    message.refresh_from_db()
    assert message.sent_at is None and message.attempts == 1
    assert message.last_error == "ConnectionRefusedError"
    assert message.send_after > timezone.now()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox.deliver_due_mail.call() == 0  # not due yet: the pause is respected
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert outbox.deliver_due_mail.call() == 1
        assert outbox.deliver_due_mail.call() == 0
    assert outbox.deliver_mail.call(message.pk) is False  # run twice: still sent once
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]


def test_mail_pauses_grow_and_the_outbox_gives_up(settings, member):
    settings.EMAIL_BACKEND = DOWN
    message = outbox.send_mail(to=member, template="partners/email/contact", context={})
    for _attempt in range(outbox.MAX_ATTEMPTS - 1):
        message.refresh_from_db()
        with time_machine.travel(message.send_after + timedelta(seconds=1)):
            outbox.deliver_due_mail.call()
    message.refresh_from_db()
    assert message.attempts == outbox.MAX_ATTEMPTS
    assert message.dropped_because == OutboxMessage.Dropped.GAVE_UP
    assert timedelta(hours=6) == outbox.MAX_PAUSE


def test_mail_is_not_sent_to_a_deactivated_account(settings, member):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    message = outbox.send_mail(to=member, template="partners/email/contact", context={})
    member.is_active = False
    member.save()

    assert outbox.deliver_mail.call(message.pk) is False

    message.refresh_from_db()
    assert message.dropped_because == OutboxMessage.Dropped.NO_ADDRESS
    assert mail.outbox == []


def test_mail_subject_is_one_line_whatever_the_template_gives(member):
    outbox.send_mail(
        to="someone@example.org",
        template="partners/email/invitation",
        context={"url": "http://testserver/x", "organisation": None},
        language="fr",
    )
    (message,) = mail.outbox
    assert "\n" not in message.subject and message.subject
    assert OutboxMessage.objects.get().language == "fr"


def test_mail_send_outbox_command_retries_what_is_due(settings, member):
    from io import StringIO

    from django.core.management import call_command

    settings.EMAIL_BACKEND = DOWN
    outbox.send_mail(to=member, template="partners/email/contact", context={})
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = StringIO()
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        call_command("send_outbox", stdout=out)
    assert "Sent 1" in out.getvalue() and len(mail.outbox) == 1


@pytest.fixture
def flaky_server(settings):
    from tests.failing_backends import FlakyEmailBackend

    settings.EMAIL_BACKEND = "tests.failing_backends.FlakyEmailBackend"
    FlakyEmailBackend.attempts = 0
    FlakyEmailBackend.failures = 3
    yield FlakyEmailBackend
    FlakyEmailBackend.attempts = FlakyEmailBackend.failures = 0


def test_mail_server_down_three_times_then_up_sends_exactly_once(flaky_server, member):
    message = outbox.send_mail(to=member, template="partners/email/contact", context={})
    pauses = []
    for _retry in range(3):
        message.refresh_from_db()
        pauses.append(message.send_after)
        with time_machine.travel(message.send_after + timedelta(seconds=1)):
            outbox.deliver_due_mail.call()
            outbox.deliver_due_mail.call()  # the clock ran twice: nothing more goes
    message.refresh_from_db()

    assert flaky_server.attempts == 4  # three refused, one taken; no attempt after that
    assert message.attempts == 3 and message.sent_at is not None
    assert [m.to for m in mail.outbox] == [[member.email]]
    # 1, 2, 4 minutes after each failed attempt.
    gaps = [round((b - a).total_seconds() / 60) for a, b in zip(pauses, pauses[1:], strict=False)]
    assert gaps == [2, 4]
    assert outbox.deliver_mail.call(message.pk) is False
    assert len(mail.outbox) == 1


def test_mail_retry_after_the_reader_lost_access_is_dropped(
    flaky_server, working_group, site, settings
):
    """Queued while the server was down, about a group's topic; the reader leaves the group
    before the server is back: the retry asks again and sends nothing."""
    from forum.factories import make_topic
    from partners.models import Notification
    from partners.notifications import send_email

    reader = MembershipFactory(user__username="reader").user
    reader.groups.add(working_group)
    category = CategoryFactory(audience=Audience.GROUPS, groups=[working_group], slug="wg")
    topic = make_topic(category, reader, title="Our plan")
    notification = Notification.objects.create(
        recipient=reader, kind="forum.new_post", target=topic.first_post
    )
    message = send_email(notification)
    message.refresh_from_db()
    assert message.attempts == 1 and mail.outbox == []

    reader.groups.remove(working_group)
    flaky_server.failures = 0  # the server is back
    with time_machine.travel(message.send_after + timedelta(seconds=1)):
        assert outbox.deliver_due_mail.call() == 0

    message.refresh_from_db()
    assert message.dropped_because == OutboxMessage.Dropped.NO_LONGER_ALLOWED
    assert message.sent_at is None and mail.outbox == []


def test_mail_refused_recipient_is_not_written_to_the_log(settings, member, caplog):
    settings.EMAIL_BACKEND = "tests.failing_backends.RefusingEmailBackend"
    with caplog.at_level("DEBUG"):
        message = outbox.send_mail(to=member, template="partners/email/contact", context={})
    message.refresh_from_db()
    assert message.last_error == "SMTPRecipientsRefused"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert f"Mail {message.pk} not sent (attempt 1): SMTPRecipientsRefused" in logged
    assert member.email not in logged and "mailbox unavailable" not in logged
