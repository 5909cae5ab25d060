"""The waitlist: fair order, offers held for a set time, expiry passing on, leaving with one
link, organisers' changes with a recorded reason."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail as outbox
from django.core.management import call_command

from events import services, tasks
from events.models import OrganiserAction, Registration
from partners.factories import MembershipFactory
from partners.models import Notification

from .conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_workshop(workshop, members, member):
    """Two seats taken (members 0 and 1); member and member 2 waiting, in that order."""
    with time_machine.travel(NOW, tick=False):
        services.register(workshop, members[0])
        services.register(workshop, members[1])
        services.join_waitlist(workshop, member, answers={"time_zone": "Asia/Beirut"})
        services.join_waitlist(workshop, members[2])
    return workshop


def _status(user):
    return Registration.objects.get(user=user).status


def test_freed_seat_goes_to_the_first_in_line(full_workshop, members, member):
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        services.cancel_registration(Registration.objects.get(user=members[0]))
        offer = Registration.objects.get(user=member)
    assert offer.status == Registration.Status.OFFERED
    assert offer.offer_expires_at == NOW + timedelta(hours=49)
    assert _status(members[2]) == Registration.Status.WAITLISTED


def test_offer_is_notified_and_mailed_in_the_readers_language_and_zone(
    full_workshop, members, member, django_capture_on_commit_callbacks
):
    member.profile.language = "es"
    member.profile.save()
    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(Registration.objects.get(user=members[0]))
    notification = Notification.objects.get(recipient=member)
    assert notification.kind == "events.seat_offered"
    (message,) = [m for m in outbox.outbox if m.to == [member.email]]
    from home.models.mail import OutboxMessage

    assert OutboxMessage.objects.get(user=member).language == "es"
    # 48 hours after 09:00 UTC on 1 March is 11:00 on 3 March in Beirut (EET, UTC+2).
    assert "11:00 (Asia/Beirut, EET)" in message.body
    assert "/leave/" in message.body
    # The offer mail does not carry the joining details: not confirmed yet.
    assert full_workshop.joining_details not in message.body


def test_claiming_the_offer_confirms(client_for, full_workshop, members, member):
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        services.cancel_registration(Registration.objects.get(user=members[0]))
        client = client_for(member)
        body = client.get("/en/events/workshop-2027/").content.decode()
        assert "A seat is held for you until" in body and "(Asia/Beirut, EET)" in body
        client.post("/en/events/workshop-2027/claim/")
    assert _status(member) == Registration.Status.CONFIRMED


def test_unclaimed_offer_expires_and_passes_on_once_even_when_run_twice(
    full_workshop, members, member
):
    with time_machine.travel(NOW, tick=False):
        services.cancel_registration(Registration.objects.get(user=members[0]))
    with time_machine.travel(NOW + timedelta(hours=47), tick=False):
        assert tasks.expire_offers.call() == 0
        assert _status(member) == Registration.Status.OFFERED
    with time_machine.travel(NOW + timedelta(hours=48, seconds=1), tick=False):
        assert tasks.expire_offers.call() == 1
        assert tasks.expire_offers.call() == 0
        call_command("run_event_jobs", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _status(member) == Registration.Status.EXPIRED
    assert _status(members[2]) == Registration.Status.OFFERED
    assert Registration.objects.holding_seats(NOW + timedelta(hours=49)).count() == 2
    # Claiming after the deadline fails and says so.
    with (
        time_machine.travel(NOW + timedelta(hours=49), tick=False),
        pytest.raises(services.OfferExpired),
    ):
        services.claim_offer(Registration.objects.get(user=member))


def test_offer_hours_are_set_per_event(full_workshop, members, member):
    full_workshop.offer_hours = 12
    full_workshop.save()
    with time_machine.travel(NOW, tick=False):
        services.cancel_registration(Registration.objects.get(user=members[0]))
    assert Registration.objects.get(user=member).offer_expires_at == NOW + timedelta(hours=12)


def test_leave_the_waitlist_with_one_link(client, full_workshop, member, members):
    registration = Registration.objects.get(user=member)
    path = f"/en/events/workshop-2027/leave/{registration.leave_token}/"
    # Following the link changes nothing (mail scanners); the one button does, signed in or not.
    assert "Leave the waitlist" in client.get(path).content.decode()
    assert _status(member) == Registration.Status.WAITLISTED
    client.post(path)
    assert _status(member) == Registration.Status.CANCELLED
    assert (
        client.get(
            "/en/events/workshop-2027/leave/00000000-0000-0000-0000-000000000000/"
        ).status_code
        == 404
    )


def test_organiser_moves_a_place_only_with_a_reason_and_it_is_logged(
    client_for, full_workshop, organiser, member, members
):
    late = MembershipFactory(user__username="late").user
    services.join_waitlist(full_workshop, late)
    registration = Registration.objects.get(user=late)
    path = f"/en/events/workshop-2027/organisers/move/{registration.pk}/"
    client = client_for(organiser)
    client.post(path, {"position": 1, "reason": ""})
    assert list(full_workshop.registrations.waitlisted().values_list("user", flat=True)) == [
        member.pk,
        members[2].pk,
        late.pk,
    ]
    response = client.post(path, {"position": 1, "reason": "Speaker in the closing plenary"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert list(full_workshop.registrations.waitlisted().values_list("user", flat=True)) == [
        late.pk,
        member.pk,
        members[2].pk,
    ]
    action = OrganiserAction.objects.get()
    assert (action.action, action.organiser, action.reason) == (
        "move",
        organiser,
        "Speaker in the closing plenary",
    )
    assert action.details == {"from": 3, "to": 1}
    # A member cannot do it: the organisers' routes do not exist for them.
    assert client_for(member).post(path, {"position": 3, "reason": "x"}).status_code == 404


def test_waitlist_rules_are_on_the_event_page(client, full_workshop):
    body = client.get("/en/events/workshop-2027/").content.decode()
    assert "How the waitlist works" in body
    assert "held for 48 hours" in body
    assert "recorded reason" in body
