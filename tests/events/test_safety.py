"""Participants' safety: the opt-in participant list, consent shown to organisers, exports
that leave out who did not opt in (the full list logged), answers purged after the event,
organisers' views for organisers only."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from events import services, tasks
from events.models import AnswerSummary, OrganiserAction, Registration

pytestmark = pytest.mark.django_db

ANSWERS = {
    "dietary": "No pork",
    "interpretation_language": "Arabic",
    "accessibility": "Wheelchair",
    "visa_letter": True,
}


@pytest.fixture
def registered(workshop, members, member):
    """member: listed, photo consent, answers; members[0]: not listed, no consent."""
    workshop.capacity = 5
    workshop.save()
    services.register(
        workshop,
        member,
        answers={**ANSWERS, "listed_to_participants": True, "photo_consent": True},
    )
    services.register(workshop, members[0], answers={"dietary": "Vegetarian"})
    member.profile.display_name = "Listed Person"
    member.profile.save()
    members[0].profile.display_name = "Quiet Person"
    members[0].profile.save()
    return workshop


def test_participant_list_shows_only_those_who_opted_in_and_only_to_participants(
    client_for, registered, member, members
):
    page = "/en/events/workshop-2027/"
    seen = client_for(members[0]).get(page).content.decode()
    assert "Listed Person" in seen and "Quiet Person" not in seen
    # Not registered (or only waiting): no list at all.
    outsider = client_for(members[1]).get(page).content.decode()
    assert "Listed Person" not in outsider and "Participants" not in outsider
    assert "Listed Person" not in client_for(None).get(page).content.decode()


def test_organisers_see_answers_and_consent_next_to_each_name(client_for, registered, organiser):
    body = client_for(organiser).get("/en/events/workshop-2027/organisers/").content.decode()
    listed = body.split("Listed Person")[1].split("</tr>")[0]
    quiet = body.split("Quiet Person")[1].split("</tr>")[0]
    assert "No pork" in listed and "Wheelchair" in listed
    assert listed.count("yes") >= 3  # listed, photos, visa letter
    assert "Vegetarian" in quiet and "yes" not in quiet


@pytest.mark.parametrize("role", ["anonymous", "member", "group_member", "moderator", "editor"])
def test_organisers_views_are_404_for_everyone_else(client_for, registered, role, request):
    user = request.getfixturevalue(role)
    if role in ("moderator", "editor"):
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(user, generate_totp_secret())
    client = client_for(user)
    base = "/en/events/workshop-2027/organisers/"
    registration = Registration.objects.first()
    assert client.get(base).status_code == 404
    assert client.get(base + "export/").status_code == 404
    assert client.get(base + "export/?full=1").status_code == 404
    assert client.post(base + "message/", {"subject": "x", "text": "y"}).status_code == 404
    move = client.post(f"{base}move/{registration.pk}/", {"position": 1, "reason": "x"})
    assert move.status_code == 404
    assert not OrganiserAction.objects.exists()


def _rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_export_leaves_out_who_did_not_opt_in_unless_the_full_list_is_asked_and_logged(
    client_for, registered, organiser
):
    client = client_for(organiser)
    rows = _rows(client.get("/en/events/workshop-2027/organisers/export/"))
    assert [row[0] for row in rows[1:]] == ["Listed Person"]
    assert not OrganiserAction.objects.exists()
    rows = _rows(client.get("/en/events/workshop-2027/organisers/export/?full=1"))
    assert sorted(row[0] for row in rows[1:]) == ["Listed Person", "Quiet Person"]
    action = OrganiserAction.objects.get()
    assert (action.action, action.organiser) == ("full_export", organiser)


def test_export_neutralises_spreadsheet_formulas(client_for, registered, organiser, member):
    Registration.objects.filter(user=member).update(dietary="=HYPERLINK(1)")
    rows = _rows(client_for(organiser).get("/en/events/workshop-2027/organisers/export/"))
    assert rows[1][4] == "'=HYPERLINK(1)"


def test_answers_are_purged_after_the_event_keeping_counts(registered, member):
    # The workshop ends on 29 March 2027; answers go 90 days later.
    with time_machine.travel(datetime(2027, 6, 26, tzinfo=UTC), tick=False):
        assert services.purge_answers() == 0
    with time_machine.travel(datetime(2027, 6, 28, tzinfo=UTC), tick=False):
        assert tasks.purge_answers.call() == 2
        assert tasks.purge_answers.call() == 0  # twice is harmless
        call_command("purge_event_answers", stdout=io.StringIO())
    registration = Registration.objects.get(user=member)
    assert (registration.dietary, registration.accessibility, registration.visa_letter) == (
        "",
        "",
        False,
    )
    assert registration.answers_purged_at is not None
    counts = AnswerSummary.objects.get(event=registered).counts
    assert counts == {
        "registrations": 2,
        "confirmed": 2,
        "dietary": 2,
        "interpretation": 1,
        "accessibility": 1,
        "visa_letter": 1,
    }


def test_purge_waits_the_days_set_per_event(registered):
    registered.purge_after_days = 7
    registered.save()
    with time_machine.travel(registered.end + timedelta(days=7, seconds=1), tick=False):
        assert services.purge_answers() == 2
