"""iCalendar: a .ics per event and a feed of upcoming public events, valid RFC 5545 (parsed
back), joining details only in a confirmed registrant's own copy."""

from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events import services
from events.factories import EventPageFactory, RegistrationFactory
from events.models import Registration

pytestmark = pytest.mark.django_db


def _parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_event_ics_is_valid_and_names_its_zone(client, workshop):
    calendar = _parse(client.get("/en/events/workshop-2027/calendar/"))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["UID"] == f"event-{workshop.translation_key}@gpe"
    assert "DTSTAMP" in vevent
    assert vevent["DTSTART"].params["TZID"] == "Europe/Zurich"
    assert vevent.decoded("DTSTART") == workshop.start
    assert vevent.decoded("DTEND") == workshop.end
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert vtimezone["TZID"] == "Europe/Zurich"
    # Both sides of the change to summer time are described.
    assert {c.name for c in vtimezone.subcomponents} >= {"STANDARD", "DAYLIGHT"}


def test_joining_details_only_in_a_confirmed_registrants_ics(client_for, event, member, members):
    secret = "gpe-secret-room"
    assert secret not in client_for(None).get("/en/events/webinar/calendar/").content.decode()
    RegistrationFactory(event=event, user=members[0], status=Registration.Status.WAITLISTED)
    assert secret not in client_for(members[0]).get("/en/events/webinar/calendar/").content.decode()
    RegistrationFactory(event=event, user=member)
    calendar = _parse(client_for(member).get("/en/events/webinar/calendar/"))
    assert secret in str(calendar.walk("VEVENT")[0]["DESCRIPTION"])


def test_feed_lists_upcoming_public_events_without_joining_details(
    client_for, event_index, event, member
):
    restricted = EventPageFactory(parent=event_index, title="Members-only meeting")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    EventPageFactory(
        parent=event_index,
        title="Old workshop",
        start=timezone.now() - timedelta(days=400),
        end=timezone.now() - timedelta(days=399),
    )
    RegistrationFactory(event=event, user=member)
    # Even a confirmed registrant's feed is the public one.
    calendar = _parse(client_for(member).get("/en/events/calendar/"))
    summaries = [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")]
    assert summaries == ["Documentation webinar"]
    assert "gpe-secret-room" not in calendar.to_ical().decode()


def test_reminders_are_sent_once_even_when_the_task_runs_twice(
    event, member, members, django_capture_on_commit_callbacks
):
    from django.core import mail as outbox

    from events import tasks

    services.register(event, member)
    services.cancel_registration(services.register(event, members[0]))
    outbox.outbox.clear()
    import time_machine

    with time_machine.travel(event.start - timedelta(hours=25), tick=False):
        assert tasks.send_reminders.call() == 0
    with time_machine.travel(event.start - timedelta(hours=23), tick=False):
        assert tasks.send_reminders.call() == 1
        assert tasks.send_reminders.call() == 0
    (message,) = outbox.outbox
    assert message.to == [member.email]
    assert "Reminder" in message.subject
    assert event.joining_details in message.body
    assert "(Europe/Zurich, " in message.body


def test_organisers_message_the_registrants_or_the_waitlist(
    client_for, workshop, organiser, member, members
):
    from django.core import mail as outbox

    services.register(workshop, members[0])
    services.register(workshop, members[1])
    services.join_waitlist(workshop, member)
    outbox.outbox.clear()
    client = client_for(organiser)
    path = "/en/events/workshop-2027/organisers/message/"
    client.post(path, {"audience": "waitlist", "subject": "Venue", "text": "Room change."})
    assert [m.to for m in outbox.outbox] == [[member.email]]
    assert "Room change." in outbox.outbox[0].body and "/leave/" in outbox.outbox[0].body
    outbox.outbox.clear()
    client.post(path, {"audience": "registrants", "subject": "Venue", "text": "Bring ID."})
    assert sorted(m.to[0] for m in outbox.outbox) == sorted(u.email for u in members[:2])


def test_mail_with_joining_details_is_dropped_if_the_registrant_left_before_it_went(
    event, member, settings
):
    """The outbox re-checks right before sending: a cancelled registration gets nothing."""
    from django.core import mail as outbox

    from home import mail
    from home.models.mail import OutboxMessage

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    registration = services.register(event, member)
    services.send_confirmation(registration)
    services.cancel_registration(registration)
    outbox.outbox.clear()
    message = OutboxMessage.objects.filter(user=member).latest("pk")
    assert mail.deliver(message) is False
    assert outbox.outbox == []
