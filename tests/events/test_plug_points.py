"""Events on the shared surfaces: home section, menu, data export, account deletion."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events import services
from events.factories import EventPageFactory
from events.models import Registration
from partners.services import delete_account, export_user_data

pytestmark = pytest.mark.django_db


def test_home_section_lists_upcoming_events_each_reader_may_see(
    client, client_for, event_index, event, member
):
    restricted = EventPageFactory(parent=event_index, title="Working group retreat")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    EventPageFactory(
        parent=event_index,
        title="Last year's webinar",
        start=timezone.now() - timedelta(days=300),
        end=timezone.now() - timedelta(days=300) + timedelta(hours=1),
    )
    body = client.get("/en/").content.decode()
    assert "Upcoming events" in body
    assert "Documentation webinar" in body
    assert "Working group retreat" not in body and "Last year" not in body
    assert "Working group retreat" in client_for(member).get("/en/").content.decode()


def test_menu_links_the_events_index(client, event_index):
    body = client.get("/en/").content.decode()
    assert 'href="/en/events/"' in body


def test_home_page_queries_with_events(client, event_index, django_assert_num_queries):
    from tests.conftest import VISITOR_CHROME

    for n in range(5):
        EventPageFactory(parent=event_index, title=f"Webinar {n}")
    client.get("/en/")
    # As tests/home/test_pages.py counts the home page (3 + VISITOR_CHROME + 2), its sections
    # (5: the locale and policies, annexes, organisations, topics) and the upcoming events (1).
    with django_assert_num_queries(3 + VISITOR_CHROME + 2 + 5 + 1):
        assert client.get("/en/").status_code == 200


def test_data_export_and_account_deletion(workshop, member, members):
    services.register(workshop, members[0])
    services.register(workshop, member, answers={"dietary": "Vegan"})
    waiting = services.join_waitlist(workshop, members[1])
    data = export_user_data(member)["events"]
    assert data["registrations"][0]["event"] == "GPE workshop 2027"
    assert data["registrations"][0]["dietary"] == "Vegan"
    delete_account(member)
    assert not Registration.objects.filter(user=member).exists()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.OFFERED  # the seat passed on
