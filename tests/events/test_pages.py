"""The event pages: index (upcoming, past, years), the event, times in named zones."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from events.factories import EventPageFactory, RegistrationFactory
from events.models import Registration

from .conftest import NOW

pytestmark = pytest.mark.django_db


def test_index_lists_upcoming_and_past_and_filters_by_year(client, event_index):
    EventPageFactory(
        parent=event_index,
        title="Workshop 2025",
        start=datetime(2025, 5, 1, 8, tzinfo=UTC),
        end=datetime(2025, 5, 2, 8, tzinfo=UTC),
    )
    EventPageFactory(parent=event_index, title="Next webinar")
    body = client.get("/en/events/").content.decode()
    upcoming, past = body.split('id="past-heading"')
    assert "Next webinar" in upcoming and "Workshop 2025" not in upcoming
    assert "Workshop 2025" in past
    assert '?year=2025"' in body
    filtered = client.get("/en/events/?year=2025").content.decode()
    assert "Workshop 2025" in filtered and "Next webinar" not in filtered
    assert client.get("/en/events/?year=nonsense").status_code == 200


def test_event_page_shows_the_event_zone_and_the_reader_zone_on_request(client, workshop):
    body = client.get("/en/events/workshop-2027/").content.decode()
    assert "(Europe/Zurich, CET)" in body
    assert "Times in Europe/Zurich." in body
    assert "09:00" in body
    # One click: a GET parameter, no script.
    assert 'href="/en/events/workshop-2027/time-zone/"' in body
    body = client.get("/en/events/workshop-2027/?tz=America/New_York").content.decode()
    assert "Times in America/New_York." in body
    assert "(America/New_York, EDT)" in body
    assert "In your time zone:" in body


def test_timetable_follows_the_change_to_summer_time(client, workshop):
    """Zurich changes to CEST on 28 March 2027, New York two weeks earlier: the same UTC
    offset of sessions gives different local times on each side of the change."""
    body = client.get("/en/events/workshop-2027/").content.decode()
    opening, closing = body.split("Opening plenary")[0], body.split("Opening plenary")[1]
    assert "09:00</time>" in opening and "CET" in opening  # 08:00 UTC, before the change
    assert "10:00</time>" in closing and "CEST" in closing  # 08:00 UTC, after the change
    body = client.get("/en/events/workshop-2027/?tz=America/New_York").content.decode()
    assert body.count("04:00</time>") == 2  # 08:00 UTC is 04:00 EDT on both days
    assert "EDT" in body


def test_unknown_zone_falls_back_to_the_event_zone(client, workshop):
    body = client.get("/en/events/workshop-2027/?tz=Mars/Olympus").content.decode()
    assert "Times in Europe/Zurich." in body
    assert "Mars/Olympus" not in body


def test_time_zone_picker_lists_zones_and_sends_back_to_the_page(client, workshop):
    body = client.get("/en/events/workshop-2027/time-zone/?tz=Asia/Beirut").content.decode()
    assert 'action="/en/events/workshop-2027/"' in body
    assert '<option value="Asia/Beirut" selected>' in body


def test_joining_details_only_for_confirmed_registrants(client_for, event, member, members):
    secret = event.joining_details
    assert secret not in client_for(None).get("/en/events/webinar/").content.decode()
    assert secret not in client_for(member).get("/en/events/webinar/").content.decode()
    RegistrationFactory(event=event, user=members[0], status=Registration.Status.WAITLISTED)
    assert secret not in client_for(members[0]).get("/en/events/webinar/").content.decode()
    RegistrationFactory(event=event, user=members[1])
    assert secret in client_for(members[1]).get("/en/events/webinar/").content.decode()


def test_joining_details_are_not_searchable(event):
    from wagtail.search.backends import get_search_backend

    from events.models import EventPage

    backend = get_search_backend()
    backend.add(event)
    assert list(backend.search("gpe-secret-room", EventPage)) == []
    assert list(backend.search("documenting", EventPage)) == [event]


def test_restricted_event_is_404_for_visitors(client, client_for, event, member):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/en/events/webinar/")
    assert response.status_code in (302, 404)
    assert "Documentation webinar" not in client.get("/en/events/").content.decode()
    assert "Documentation webinar" in client_for(member).get("/en/events/").content.decode()


def test_registration_window_is_shown(client_for, event, member):
    with time_machine.travel(NOW, tick=False):
        event.registration_opens_at = timezone.now() + timedelta(days=2)
        event.save()
        body = client_for(member).get("/en/events/webinar/").content.decode()
    assert "Registration opens on" in body
    assert 'action="/en/events/webinar/register/"' not in body
