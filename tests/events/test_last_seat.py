"""The last seat, taken by two people at the same moment on two real database connections:
exactly one gets it, the other is told and offered the waitlist. PostgreSQL only: SQLite
serialises every writer, so it cannot show the race (CI runs this on PostgreSQL)."""

import threading
import time

import pytest
from django.db import connection, connections

from events import services
from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import Registration
from partners.factories import MembershipFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs two concurrent connections with row locks: PostgreSQL (runs in CI)",
    ),
]


def _race(target, users):
    """Run ``target(user)`` for each user in its own thread and connection, all at once."""
    barrier = threading.Barrier(len(users))
    results = {}

    def run(user):
        try:
            barrier.wait()
            results[user.pk] = target(user)
        except Exception as error:  # noqa: BLE001 - the outcome is what the test reads
            results[user.pk] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.fixture
def slow_count(monkeypatch):
    """Widen the window between counting the seats and taking one, so that without the lock
    both would see a free seat."""
    counted = services.seats_left

    def seats_left(event, **kwargs):
        free = counted(event, **kwargs)
        time.sleep(0.3)
        return free

    monkeypatch.setattr(services, "seats_left", seats_left)


def test_two_people_taking_the_last_seat_only_one_gets_it(home_page, slow_count, client):
    index = EventIndexPageFactory(parent=home_page, slug="events")
    event = EventPageFactory(parent=index, slug="last-seat", capacity=1)
    users = [MembershipFactory(user__username=f"racer{n}").user for n in range(2)]

    results = _race(lambda user: services.register(event, user), users)

    winners = [r for r in results.values() if isinstance(r, Registration)]
    losers = [r for r in results.values() if isinstance(r, services.EventFull)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert Registration.objects.filter(status=Registration.Status.CONFIRMED).count() == 1
    # The one who lost is told on the page and offered the waitlist.
    loser = next(user for user in users if isinstance(results[user.pk], services.EventFull))
    client.force_login(loser)
    response = client.post("/en/events/last-seat/register/", {"time_zone": "UTC"})
    body = response.content.decode()
    assert "the last seat has just been taken" in body
    assert 'action="/en/events/last-seat/waitlist/"' in body


def test_two_claims_of_one_freed_seat_only_one_wins(home_page, slow_count):
    """Someone's offer expires while they claim it and the next person is offered it: the
    expired claim fails, never two seats."""
    index = EventIndexPageFactory(parent=home_page, slug="events")
    event = EventPageFactory(parent=index, slug="claims", capacity=1)
    holder, first, second, newcomer = (
        MembershipFactory(user__username=f"claim{n}").user for n in range(4)
    )
    services.register(event, holder)
    services.join_waitlist(event, first)
    services.join_waitlist(event, second)
    services.cancel_registration(Registration.objects.get(user=holder))
    offer = Registration.objects.get(user=first)
    assert offer.status == Registration.Status.OFFERED

    def act(user):
        if user == first:
            return services.claim_offer(Registration.objects.get(user=first))
        return services.register(event, user)

    results = _race(act, [first, newcomer])
    confirmed = Registration.objects.filter(status=Registration.Status.CONFIRMED)
    assert list(confirmed.values_list("user", flat=True)) == [first.pk]
    assert isinstance(results[newcomer.pk], services.EventFull)
    assert Registration.objects.get(user=second).status == Registration.Status.WAITLISTED
