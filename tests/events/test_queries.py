"""Exact query counts for the event page, the index and the organisers' listing: they do not
grow with sessions, registrations or events."""

from datetime import UTC, datetime, timedelta

import pytest
from wagtail_factories import DocumentFactory

from events import services
from events.factories import EventPageFactory, EventSessionFactory, RegistrationFactory
from home.factories import PolicyPageFactory, StandardPageFactory
from partners.factories import MembershipFactory
from tests.conftest import MEMBER_CHROME, PAGE_SERVING

# An event lies one level below the pages PAGE_SERVING counts (home > events > event):
# Wagtail's routing reads the index in the tree and its specific row (2).
DEEPER = 2

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_workshop(workshop, home_page):
    """Twelve more sessions, each with two materials; four outcome links."""
    workshop.capacity = 50
    workshop.outcome_links = [
        ("page", PolicyPageFactory(parent=home_page, slug=f"policy-{n}")) for n in range(2)
    ] + [("page", StandardPageFactory(parent=home_page, slug=f"annex-{n}")) for n in range(2)]
    workshop.save()
    for day in range(3):
        for hour in range(4):
            EventSessionFactory(
                page=workshop,
                start=datetime(2027, 3, 26 + day, 7 + hour, tzinfo=UTC),
                end=datetime(2027, 3, 26 + day, 8 + hour, tzinfo=UTC),
                materials=[
                    ("material", {"document": DocumentFactory(), "title": f"Slides {n}"})
                    for n in range(2)
                ],
            )
    for n in range(6):
        user = MembershipFactory(user__username=f"busy{n}").user
        RegistrationFactory(event=workshop, user=user, listed_to_participants=n % 2 == 0)
    return workshop


def test_event_page_queries_for_a_visitor(client, busy_workshop, django_assert_num_queries):
    client.get("/en/events/workshop-2027/")  # warm the site, locale and chrome caches
    # Serving the page (PAGE_SERVING + DEEPER); the agenda's sessions (1); the materials the
    # reader may open, for the whole agenda (1: the documents; the collections' view
    # restrictions that partners.access reads are kept per worker); the outcome pages the
    # reader may see, with their translations (1); the seats taken (1).
    with django_assert_num_queries(PAGE_SERVING + DEEPER + 4):
        response = client.get("/en/events/workshop-2027/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="session-materials"') == 12
    assert body.count("Slides 1") == 12


def test_event_page_queries_for_a_confirmed_registrant(
    client_for, busy_workshop, member, django_assert_num_queries
):
    services.register(busy_workshop, member)
    client = client_for(member)
    client.get("/en/events/workshop-2027/")
    # Serving the page (PAGE_SERVING + DEEPER); the member's chrome (MEMBER_CHROME: user,
    # groups, bell); their registration (1); the sessions (1); the materials (1: the
    # documents; the collections' view restrictions are kept); the outcome pages (1); the
    # seats taken (1); the participant list (1).
    with django_assert_num_queries(PAGE_SERVING + DEEPER + MEMBER_CHROME + 6):
        assert client.get("/en/events/workshop-2027/").status_code == 200


def test_index_queries_do_not_grow_with_events(client, event_index, django_assert_num_queries):
    for n in range(5):
        EventPageFactory(parent=event_index, title=f"Future {n}")
        EventPageFactory(
            parent=event_index,
            title=f"Past {n}",
            start=datetime(2024 + n % 2, 5, 1, tzinfo=UTC),
            end=datetime(2024 + n % 2, 5, 1, tzinfo=UTC) + timedelta(hours=2),
        )
    client.get("/en/events/")
    # Serving the page (PAGE_SERVING); the years (1); upcoming (1); past (1).
    with django_assert_num_queries(PAGE_SERVING + 3):
        assert client.get("/en/events/").status_code == 200


def test_organisers_listing_queries_do_not_grow_with_registrations(
    client_for, busy_workshop, organiser, django_assert_num_queries
):
    client = client_for(organiser)
    client.get("/en/events/workshop-2027/organisers/")
    # Serving the page (PAGE_SERVING + DEEPER); the organiser's chrome (MEMBER_CHROME: user,
    # groups, bell); the staff MFA check (1); the registrations with their profiles (1); the
    # log (1); the answer summary (1).
    with django_assert_num_queries(PAGE_SERVING + DEEPER + MEMBER_CHROME + 1 + 3):
        assert client.get("/en/events/workshop-2027/organisers/").status_code == 200
