"""Registration: windows, capacity, the organisers' questions, cancellation."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail as outbox
from django.utils import timezone

from events import services
from events.factories import RegistrationFactory
from events.models import Registration
from home.models.mail import OutboxMessage

from .conftest import NOW

pytestmark = pytest.mark.django_db


def _post(client, path, **data):
    return client.post(path, {"time_zone": "Europe/Zurich", **data})


def test_register_with_one_click(client_for, event, member):
    client = client_for(member)
    response = _post(client, "/en/events/webinar/register/")
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, user=member)
    assert registration.status == Registration.Status.CONFIRMED
    body = client.get("/en/events/webinar/").content.decode()
    assert "You are registered." in body
    assert event.joining_details in body


def test_registration_window_opens_and_closes(client_for, event, member):
    with time_machine.travel(NOW, tick=False):
        event.registration_opens_at = NOW + timedelta(hours=1)
        event.registration_closes_at = NOW + timedelta(days=1)
        event.start = NOW + timedelta(days=3)
        event.end = event.start + timedelta(hours=2)
        event.save()
        _post(client_for(member), "/en/events/webinar/register/")
        assert not Registration.objects.exists()
    with time_machine.travel(NOW + timedelta(days=1, seconds=1), tick=False):
        _post(client_for(member), "/en/events/webinar/register/")
        assert not Registration.objects.exists()
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        _post(client_for(member), "/en/events/webinar/register/")
        assert Registration.objects.get().status == Registration.Status.CONFIRMED


def test_only_members_register(client_for, event, non_member, anonymous):
    assert _post(client_for(non_member), "/en/events/webinar/register/").status_code == 404
    assert not Registration.objects.exists()


def test_capacity_full_offers_the_waitlist(client_for, workshop, members, member):
    for user in members[:2]:
        services.register(workshop, user)
    client = client_for(member)
    response = _post(client, "/en/events/workshop-2027/register/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "the last seat has just been taken" in body
    assert 'action="/en/events/workshop-2027/waitlist/"' in body
    assert not Registration.objects.filter(user=member).exists()
    _post(client, "/en/events/workshop-2027/waitlist/")
    registration = Registration.objects.get(user=member)
    assert registration.status == Registration.Status.WAITLISTED
    assert "number 1 in line" in client.get("/en/events/workshop-2027/").content.decode()


def test_questions_are_asked_and_seen_only_by_organisers(client_for, workshop, member, members):
    client = client_for(member)
    body = client.get("/en/events/workshop-2027/").content.decode()
    for name in ("dietary", "interpretation_language", "accessibility", "visa_letter"):
        assert f'name="{name}"' in body
    assert '<option value="Arabic">' in body  # the event's interpretation channels
    _post(
        client,
        "/en/events/workshop-2027/register/",
        dietary="Halal",
        interpretation_language="Arabic",
        accessibility="Step-free access",
        visa_letter="on",
        photo_consent="on",
    )
    registration = Registration.objects.get(user=member)
    assert (registration.dietary, registration.interpretation_language) == ("Halal", "Arabic")
    assert registration.visa_letter and registration.photo_consent
    assert not registration.recording_consent and not registration.listed_to_participants
    # Another participant does not see them; neither does the registrant's page show others'.
    services.register(workshop, members[0], answers={"listed_to_participants": True})
    other = client_for(members[0]).get("/en/events/workshop-2027/").content.decode()
    assert "Step-free access" not in other and "Halal" not in other


def test_questions_not_switched_on_are_ignored(client_for, event, member):
    _post(client_for(member), "/en/events/webinar/register/", dietary="Vegan")
    assert Registration.objects.get(user=member).dietary == ""


def test_cancel_any_time_frees_the_seat(client_for, workshop, members, member):
    services.register(workshop, members[0])
    services.register(workshop, member)
    waiting = services.join_waitlist(workshop, members[1])
    assert waiting.status == Registration.Status.WAITLISTED
    client = client_for(member)
    client.post("/en/events/workshop-2027/cancel/")
    assert Registration.objects.get(user=member).status == Registration.Status.CANCELLED
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.OFFERED
    # Registering again after cancelling is possible while seats are free.
    services.cancel_registration(waiting)
    _post(client, "/en/events/workshop-2027/register/")
    assert Registration.objects.get(user=member).status == Registration.Status.CONFIRMED


def test_registering_twice_keeps_one_registration(event, member):
    first = services.register(event, member)
    assert services.register(event, member).pk == first.pk
    assert Registration.objects.count() == 1


def test_confirmation_mail_carries_the_ics_with_joining_details(
    event, member, django_capture_on_commit_callbacks
):
    import icalendar

    member.profile.language = "fr"
    member.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.register(event, member, answers={"time_zone": "America/Bogota"})
    (message,) = outbox.outbox
    assert OutboxMessage.objects.get().language == "fr"
    assert message.subject == "Vous êtes inscrit·e : Documentation webinar"
    assert "(America/Bogota, -05)" in message.body
    assert "(Europe/Zurich, " in message.body
    assert event.joining_details in message.body
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(content)
    (vevent,) = calendar.walk("VEVENT")
    assert event.joining_details in str(vevent["description"])


def test_seats_left_counts_running_offers(event, members):
    event.capacity = 2
    event.save()
    RegistrationFactory(event=event, user=members[0])
    RegistrationFactory(
        event=event,
        user=members[1],
        status=Registration.Status.OFFERED,
        offer_expires_at=timezone.now() + timedelta(hours=1),
    )
    assert services.seats_left(event) == 0
    Registration.objects.filter(user=members[1]).update(
        offer_expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert services.seats_left(event) == 1


def test_translations_of_an_event_share_its_seats(
    client_for, translated_home, workshop, members, locales
):
    """Registering on the French page takes a seat of the same event."""
    index_fr = workshop.get_parent().copy_for_translation(locales["fr"])
    index_fr.save_revision().publish()
    page_fr = workshop.copy_for_translation(locales["fr"])
    page_fr.title = "Atelier GPE 2027"
    page_fr.save_revision().publish()
    services.register(workshop, members[0])
    client = client_for(members[1])
    _post(client, f"/fr/{index_fr.slug}/{page_fr.slug}/register/")
    assert Registration.objects.get(user=members[1]).event_id == workshop.pk
    assert services.seats_left(workshop) == 0
    body = client_for(members[2]).get(f"/fr/{index_fr.slug}/{page_fr.slug}/").content.decode()
    assert 'action="/fr/events/workshop-2027/waitlist/"' in body


def test_mail_names_the_event_in_the_readers_language(
    translated_home, workshop, member, locales, django_capture_on_commit_callbacks
):
    """A French reader's confirmation and calendar carry the French title and link, not the
    English page's (registrations hold the original page)."""
    import icalendar

    index_fr = workshop.get_parent().copy_for_translation(locales["fr"])
    index_fr.save_revision().publish()
    page_fr = workshop.copy_for_translation(locales["fr"])
    page_fr.title = "Atelier GPE 2027"
    page_fr.save_revision().publish()
    member.profile.language = "fr"
    member.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.register(workshop, member)
    (message,) = outbox.outbox
    assert message.subject == "Vous êtes inscrit·e : Atelier GPE 2027"
    assert f"/fr/{index_fr.slug}/{page_fr.slug}/" in message.body
    (vevent,) = icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert str(vevent["summary"]) == "Atelier GPE 2027"
