"""Every background task is safe to run twice: a queue that delivers a job twice (a worker
killed after the work, before the acknowledgement) sends no second mail and creates no second
notification. The list of tasks is found in the source, so a new task without a case here
fails this file."""

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.utils import timezone
from wagtail.search.models import IndexEntry

from forum.factories import CategoryFactory, make_topic
from forum.models import NotificationPreference, Post, Subscription
from home.factories import PolicyPageFactory
from home.models import OutboxMessage, PolicyFeedback
from partners.factories import MembershipFactory, OrganisationFactory
from partners.models import Audience, Invitation, Notification, Profile

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _decorated_tasks() -> set[str]:
    """``module.function`` of every function decorated with django-tasks' ``@task``."""
    found = set()
    for app in settings.GPE_APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.FunctionDef):
                    for decorator in node.decorator_list:
                        target = decorator.func if isinstance(decorator, ast.Call) else decorator
                        if getattr(target, "id", getattr(target, "attr", None)) == "task":
                            found.add(f"{module}.{node.name}")
    return found


def _task(name: str):
    module, _, function = name.rpartition(".")
    return getattr(__import__(module, fromlist=[function]), function)


def _mails():
    return len(mail.outbox)


# Each case prepares the situation (its own tasks held back) and returns the task's arguments
# and what to measure: running the task once must change it, running it again must not.


def _outbox_message(member):
    return OutboxMessage.objects.create(
        user=member, to=member.email, language="en", subject="Hello", text="Text"
    )


def deliver_mail(member, **_):
    return (_outbox_message(member).pk,), _mails


def deliver_due_mail(member, **_):
    _outbox_message(member)
    return (), _mails


def notify_editors_of_feedback(home_page, editor, **_):
    page = PolicyPageFactory(parent=home_page, slug="policy")
    feedback = PolicyFeedback.objects.create(page=page, message="Section 4 is unclear.")
    return (feedback.pk,), _mails


def send_invitation_email(**_):
    invitation = Invitation.objects.create(
        email="new@example.org", organisation=OrganisationFactory()
    )

    def effect():
        invitation.refresh_from_db()
        return _mails(), invitation.key_hash, invitation.sent_at is not None

    return (invitation.pk, "resend-1"), effect


def send_contact_message(member, **_):
    recipient = MembershipFactory(user__username="open").user
    Profile.objects.filter(user=recipient).update(allow_contact=True)
    return (member.pk, recipient.pk, "Hello from a partner", "contact-1"), _mails


def _topic_with_watcher(member):
    category = CategoryFactory(audience=Audience.PUBLIC, slug="lessons")
    watcher = MembershipFactory(user__username="watcher").user
    Subscription.objects.create(user=watcher, category=category, level=Subscription.Level.WATCH)
    mentioned = MembershipFactory(user__username="mentioned").user
    topic = make_topic(category, member, title="Closing well", markdown="Hello @mentioned")
    return topic, watcher, mentioned


def notify_about_post(member, **_):
    topic, _watcher, mentioned = _topic_with_watcher(member)

    def effect():
        return Notification.objects.count(), _mails()

    return (topic.first_post_id, [mentioned.pk], False), effect


def _digest_reader(member):
    topic, watcher, _mentioned = _topic_with_watcher(member)
    NotificationPreference.objects.create(user=watcher, email=NotificationPreference.Email.DIGEST)
    Notification.objects.create(recipient=watcher, kind="forum.new_topic", target=topic.first_post)
    return watcher


def send_digest(member, **_):
    return (_digest_reader(member).pk,), _mails


def send_daily_digests(member, **_):
    _digest_reader(member)
    return (), _mails


def notify_about_reaction(member, **_):
    topic, watcher, _mentioned = _topic_with_watcher(member)
    from forum import services

    services.toggle_reaction(topic.first_post, user=watcher, kind="thanks")  # held back

    def effect():
        return Notification.objects.filter(kind="forum.reaction").count(), _mails()

    return (topic.first_post_id,), effect


def send_bookmark_reminders(member, **_):
    from forum import services

    topic, _watcher, _mentioned = _topic_with_watcher(member)
    services.set_bookmark_reminder(topic.first_post, user=member, remind_at=timezone.now())

    def effect():
        return Notification.objects.filter(kind="forum.bookmark_reminder").count(), _mails()

    return (), effect


def delete_old_drafts(member, **_):
    from forum import services
    from forum.models import Draft

    topic, _watcher, _mentioned = _topic_with_watcher(member)
    services.save_draft(member, topic=topic, markdown="Unfinished")
    Draft.objects.update(updated_at=timezone.now() - timedelta(days=8))
    return (), Draft.objects.count


def reindex_topic_posts(member, **_):
    topic, _watcher, _mentioned = _topic_with_watcher(member)
    entries = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(Post))
    entries.delete()  # lost, as when the search server was down
    return (topic.pk,), entries.count


def _event(**fields):
    from events.factories import EventIndexPageFactory, EventPageFactory

    index = EventIndexPageFactory(slug="events")
    return EventPageFactory(parent=index, slug="webinar", **fields)


def expire_offers(member, **_):
    from events import services
    from events.models import Registration

    event = _event(capacity=1)
    first = services.register(event, MembershipFactory(user__username="first").user)
    services.join_waitlist(event, member)
    services.join_waitlist(event, MembershipFactory(user__username="third").user)
    services.cancel_registration(first)  # the seat is offered to member...
    # ... and the offer has run out.
    Registration.objects.filter(user=member).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )

    def effect():
        statuses = Registration.objects.order_by("pk").values_list("status", flat=True)
        return list(statuses), _mails(), Notification.objects.count()

    return (), effect


def send_reminders(member, **_):
    from events import services

    event = _event(start=timezone.now() + timedelta(hours=2))
    services.register(event, member)
    return (), _mails


def purge_answers(member, **_):
    from events.models import Registration

    start = timezone.now() - timedelta(days=100)
    event = _event(start=start, end=start + timedelta(hours=2), capacity=None)
    Registration.objects.create(
        event=event, user=member, status=Registration.Status.CONFIRMED, dietary="Vegetarian"
    )

    def effect():
        return list(Registration.objects.values_list("dietary", "answers_purged_at"))

    return (), effect


def retry_index_updates(member, **_):
    from search.models import IndexRetry

    topic, _watcher, _mentioned = _topic_with_watcher(member)
    entries = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(Post))
    entries.delete()  # the search server refused the update...
    IndexRetry.objects.create(  # ... so it waits in the retry queue
        app_label="forum",
        model_name="post",
        object_id=str(topic.first_post_id),
        action=IndexRetry.Action.UPDATE,
    )

    def effect():
        return entries.count(), IndexRetry.objects.count()

    return (), effect


def send_due_reminders(member, **_):
    from dialogue.factories import DialogueFactory, JointActionFactory, PlanActivityFactory, space

    partnership = space(slug="reminded", staff=[member])
    dialogue = DialogueFactory(partnership=partnership, state="locked")
    soon = timezone.localdate() + timedelta(days=3)
    JointActionFactory(dialogue=dialogue, owner=member, due_date=soon)
    PlanActivityFactory(partnership=partnership, owner=member, due_date=soon)

    def effect():
        return _mails(), Notification.objects.count()

    return (), effect


CASES = {
    "dialogue.tasks.send_due_reminders": send_due_reminders,
    "search.tasks.retry_index_updates": retry_index_updates,
    "events.tasks.expire_offers": expire_offers,
    "events.tasks.send_reminders": send_reminders,
    "events.tasks.purge_answers": purge_answers,
    "home.mail.deliver_mail": deliver_mail,
    "home.mail.deliver_due_mail": deliver_due_mail,
    "home.policy.tasks.notify_editors_of_feedback": notify_editors_of_feedback,
    "partners.tasks.send_invitation_email": send_invitation_email,
    "partners.tasks.send_contact_message": send_contact_message,
    "forum.tasks.notify_about_post": notify_about_post,
    "forum.tasks.send_digest": send_digest,
    "forum.tasks.send_daily_digests": send_daily_digests,
    "forum.tasks.reindex_topic_posts": reindex_topic_posts,
    "forum.tasks.notify_about_reaction": notify_about_reaction,
    "forum.tasks.send_bookmark_reminders": send_bookmark_reminders,
    "forum.tasks.delete_old_drafts": delete_old_drafts,
}


def test_tasks_twice_every_task_has_a_case():
    assert _decorated_tasks() == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_tasks_twice_no_double_effect(name, settings, site, home_page, member, editor):
    tasks_backend = settings.TASKS
    settings.TASKS = DUMMY  # what the preparation would queue waits
    args, effect = CASES[name](member=member, editor=editor, home_page=home_page)
    mail.outbox.clear()
    settings.TASKS = tasks_backend

    before = effect()
    _task(name).call(*args)
    once = effect()
    _task(name).call(*args)
    twice = effect()

    assert once != before  # the task did its work...
    assert twice == once  # ... and doing it again changes nothing


def test_tasks_twice_a_new_request_is_a_new_mail(member):
    """The guard is per request: a second contact message, or a second resend, still goes."""
    from partners import tasks

    recipient = MembershipFactory(user__username="open").user
    Profile.objects.filter(user=recipient).update(allow_contact=True)
    tasks.send_contact_message.call(member.pk, recipient.pk, "Hello", "contact-1")
    tasks.send_contact_message.call(member.pk, recipient.pk, "Hello", "contact-2")
    invitation = Invitation.objects.create(
        email="n@example.org", organisation=OrganisationFactory()
    )
    tasks.send_invitation_email.call(invitation.pk, "invite-1")
    tasks.send_invitation_email.call(invitation.pk, "resend-1")
    assert [m.to for m in mail.outbox] == [[recipient.email]] * 2 + [["n@example.org"]] * 2
    assert OutboxMessage.objects.filter(sent_at__lte=timezone.now()).count() == 4
