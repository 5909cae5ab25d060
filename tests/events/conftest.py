from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group

from events.factories import EventIndexPageFactory, EventPageFactory, EventSessionFactory
from partners import access
from partners.factories import MembershipFactory

# A fixed "now" for the tests that travel in time.
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def event_index(home_page):
    return EventIndexPageFactory(parent=home_page, slug="events", title="Events")


@pytest.fixture
def event(event_index):
    """An online webinar with ten seats, registration open, in Zurich's zone."""
    return EventPageFactory(parent=event_index, slug="webinar", title="Documentation webinar")


@pytest.fixture
def workshop(event_index):
    """The annual workshop across Europe's change to summer time (28 March 2027), hybrid,
    with an agenda over three days."""
    page = EventPageFactory(
        parent=event_index,
        slug="workshop-2027",
        title="GPE workshop 2027",
        start=datetime(2027, 3, 26, 8, 0, tzinfo=UTC),  # 09:00 in Zurich (CET)
        end=datetime(2027, 3, 29, 15, 0, tzinfo=UTC),  # 17:00 in Zurich (CEST)
        format="hybrid",
        venue="Conference centre, Zurich",
        is_annual_workshop=True,
        workshop_year=2027,
        languages="English, French",
        interpretation="Arabic, Spanish",
        ask_dietary=True,
        ask_interpretation=True,
        ask_accessibility=True,
        ask_visa_letter=True,
        capacity=2,
    )
    EventSessionFactory(
        page=page,
        title="Opening plenary",
        start=datetime(2027, 3, 26, 8, 0, tzinfo=UTC),
        end=datetime(2027, 3, 26, 9, 0, tzinfo=UTC),
        room="Main hall",
        speakers="Programme team",
    )
    EventSessionFactory(
        page=page,
        title="Closing plenary",
        start=datetime(2027, 3, 29, 8, 0, tzinfo=UTC),
        end=datetime(2027, 3, 29, 9, 0, tzinfo=UTC),
        kind="plenary",
    )
    return page


@pytest.fixture
def organiser(db):
    """An event organiser, with the second factor staff must have."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = MembershipFactory(user__username="organiser").user
    user.groups.add(Group.objects.get_or_create(name=access.EVENT_ORGANISERS)[0])
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def members(db):
    """Three more partner members."""
    return [MembershipFactory(user__username=f"attendee{n}").user for n in range(3)]
