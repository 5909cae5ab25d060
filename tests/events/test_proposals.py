"""The call for contributions: members propose, organisers review (optionally anonymised:
the reviewers' page, the log and the notification never name the proposer), an accepted
proposal joins the agenda in one step."""

from datetime import timedelta

import pytest

from events.factories import ProposalFactory
from events.models import EventSession, OrganiserAction, Proposal
from partners.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_call(workshop):
    workshop.accepts_proposals = True
    workshop.save()
    return workshop


def test_member_proposes_a_session(client_for, open_call, member):
    client = client_for(member)
    assert "Propose a session" in client.get("/en/events/workshop-2027/").content.decode()
    client.post(
        "/en/events/workshop-2027/propose/",
        {
            "title": "Bridging years for rehabilitation centres",
            "abstract": "How two centres kept their doors open.",
            "kind": "workshop",
            "language": "French",
            "practice_url": "https://gpe.example/en/practices/bridging/",
        },
    )
    proposal = Proposal.objects.get()
    assert (proposal.proposer, proposal.status) == (member, Proposal.Status.SUBMITTED)
    body = client.get("/en/events/workshop-2027/propose/").content.decode()
    assert "Bridging years for rehabilitation centres" in body and "Submitted" in body


def test_proposals_are_closed_unless_the_call_is_open(client_for, workshop, member, non_member):
    assert client_for(member).get("/en/events/workshop-2027/propose/").status_code == 404
    workshop.accepts_proposals = True
    workshop.proposals_close_at = workshop.start - timedelta(days=400)
    workshop.save()
    assert client_for(member).get("/en/events/workshop-2027/propose/").status_code == 404


@pytest.mark.parametrize("anonymous", [True, False])
def test_anonymised_review_never_names_the_proposer(
    client_for, open_call, organiser, member, anonymous, django_capture_on_commit_callbacks
):
    open_call.anonymous_review = anonymous
    open_call.save()
    member.profile.display_name = "Proposer Pseudonym"
    member.profile.save()
    proposal = ProposalFactory(event=open_call, proposer=member, title="Safe archives")
    client = client_for(organiser)
    page = client.get("/en/events/workshop-2027/organisers/proposals/").content.decode()
    assert "Safe archives" in page
    named = "Proposer Pseudonym" in page or member.email in page
    assert named is not anonymous
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/events/workshop-2027/organisers/proposals/{proposal.pk}/",
            {
                "decision": "accepted",
                "note": "Welcome!",
                "start": "2027-03-27 08:00",
                "end": "2027-03-27 09:30",
                "room": "Room C",
            },
        )
    assert response.status_code == 302
    # Other reviewer surfaces: the registrations page, its log and exports show no proposer.
    for path in ("", "export/", "export/?full=1"):
        body = client.get(f"/en/events/workshop-2027/organisers/{path}").content.decode()
        assert "Proposer Pseudonym" not in body
    assert not OrganiserAction.objects.filter(registration__user=member).exists()
    # The proposer alone is told, and only the organisers' group reviews.
    assert list(Notification.objects.values_list("recipient", flat=True)) == [member.pk]
    assert (
        client_for(member).get("/en/events/workshop-2027/organisers/proposals/").status_code == 404
    )


def test_accepting_adds_the_session_to_the_agenda_in_one_step(
    client, client_for, open_call, organiser
):
    proposal = ProposalFactory(event=open_call, title="Exit criteria clinic", language="French")
    client_for(organiser).post(
        f"/en/events/workshop-2027/organisers/proposals/{proposal.pk}/",
        {"decision": "accepted", "start": "2027-03-27 08:00", "end": "2027-03-27 09:30"},
    )
    session = EventSession.objects.get(title="Exit criteria clinic")
    assert (session.page_id, session.language, session.kind) == (open_call.pk, "French", "workshop")
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.session == session
    client.logout()
    assert "Exit criteria clinic" in client.get("/en/events/workshop-2027/").content.decode()


def test_accepting_needs_a_time_and_other_decisions_do_not(client_for, open_call, organiser):
    proposal = ProposalFactory(event=open_call)
    client = client_for(organiser)
    path = f"/en/events/workshop-2027/organisers/proposals/{proposal.pk}/"
    response = client.post(path, {"decision": "accepted"})
    assert "needs a start and an end" in response.content.decode()
    client.post(path, {"decision": "changes", "note": "Please shorten it."})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.organiser_note) == ("changes", "Please shorten it.")
    assert not EventSession.objects.filter(title=proposal.title).exists()
