"""The annual dialogue both ways: each side answers alone; nobody sees a side's answers (draft
or submitted) before both sides submitted, not the other side, not staff outside the
partnership, not superusers; then both see both; the joint record is approved by both and
locked; later changes are dated addenda."""

import pytest
from django.urls import reverse

from dialogue.models import Addendum, Dialogue, JointAction, Principle, Reflection
from partners import access


def _answers(side_word, *, rating="3", meeting=""):
    data = {}
    for principle in Principle.values:
        data.update(
            {
                f"{principle}-went_well": f"{side_word}-well-{principle}",
                f"{principle}-did_not_go_well": f"{side_word}-not-well",
                f"{principle}-rating": rating,
                f"{principle}-proposed_actions": f"{side_word}-proposal",
                f"{principle}-joint_meeting_only": meeting,
            }
        )
    return data


def _url(dialogue, name="dialogue:dialogue"):
    return reverse(name, args=[dialogue.partnership.slug, dialogue.year])


def _page(client, dialogue):
    response = client.get(_url(dialogue))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def partner_draft(client_for, dialogue, partner):
    response = client_for(partner).post(
        _url(dialogue), {**_answers("PARTNERSIDE", meeting="OFFRECORD"), "save": "1"}
    )
    assert response.status_code == 302
    return dialogue


def test_a_draft_is_seen_by_its_own_side_only(
    client, client_for, partner_draft, partner, programme_staff, outsiders
):
    dialogue = partner_draft
    assert Reflection.objects.filter(dialogue=dialogue, side="partner").count() == 4
    assert "PARTNERSIDE-well" in _page(client_for(partner), dialogue)
    assert "PARTNERSIDE" not in _page(client_for(programme_staff), dialogue)
    for role, user in outsiders.items():
        client.logout()
        assert client_for(user).get(_url(dialogue)).status_code == 404, role
        assert not access.visible(Reflection.objects.all(), user, purpose=access.READ).exists()
    # Through the registry, even the people in the space see no reflection before both sides
    # submitted: a side's own drafts are read only by its own form.
    for user in (partner, programme_staff):
        assert not access.visible(Reflection.objects.all(), user, purpose=access.READ).exists()


def test_one_side_submitted_is_still_hidden_from_the_other(
    client_for, partner_draft, partner, programme_staff, superuser
):
    dialogue = partner_draft
    client_for(partner).post(_url(dialogue), {**_answers("PARTNERSIDE"), "submit": "1"})
    dialogue.refresh_from_db()
    assert dialogue.partner_submitted_at and dialogue.state == Dialogue.State.OPEN
    staff_page = _page(client_for(programme_staff), dialogue)
    assert "PARTNERSIDE" not in staff_page
    assert "not submitted yet" in staff_page  # its own status
    for user in (partner, programme_staff, superuser):
        assert not access.visible(Reflection.objects.all(), user, purpose=access.READ).exists()
    # The submitting side cannot change its answers any more.
    client_for(partner).post(_url(dialogue), {**_answers("CHANGED"), "save": "1"})
    assert not Reflection.objects.filter(went_well__startswith="CHANGED").exists()


def test_submitting_needs_every_rating(client_for, dialogue, partner):
    response = client_for(partner).post(_url(dialogue), {**_answers("P", rating=""), "submit": "1"})
    assert response.status_code == 200
    dialogue.refresh_from_db()
    assert dialogue.partner_submitted_at is None


@pytest.fixture
def both_submitted(client_for, partner_draft, partner, programme_staff):
    dialogue = partner_draft
    client_for(partner).post(
        _url(dialogue), {**_answers("PARTNERSIDE", meeting="OFFRECORD"), "submit": "1"}
    )
    client_for(programme_staff).post(_url(dialogue), {**_answers("STAFFSIDE"), "submit": "1"})
    dialogue.refresh_from_db()
    return dialogue


def test_both_submitted_both_see_both_side_by_side(
    client_for, both_submitted, partner, programme_staff, outsiders
):
    dialogue = both_submitted
    assert dialogue.state == Dialogue.State.SUBMITTED
    for user in (partner, programme_staff):
        page = _page(client_for(user), dialogue)
        assert "PARTNERSIDE-well" in page and "STAFFSIDE-well" in page
        assert "OFFRECORD" in page  # brought to the joint meeting
        assert access.visible(Reflection.objects.all(), user, purpose=access.READ).count() == 8
    for role, user in outsiders.items():
        assert not access.visible(Reflection.objects.all(), user, purpose=access.READ).exists()
        assert not access.can_view(user, dialogue, purpose=access.READ), role
    # Both sides hear of it (a notification each, mailed in their language).
    assert partner.notifications.filter(kind="dialogue.both_submitted").count() == 1
    assert programme_staff.notifications.filter(kind="dialogue.both_submitted").count() == 1


def _record(client, dialogue, **data):
    return client.post(_url(dialogue, "dialogue:joint_record"), data)


def test_joint_record_both_approve_then_locked_and_meeting_notes_deleted(
    client_for, both_submitted, partner, programme_staff
):
    dialogue = both_submitted
    staff, partner_client = client_for(programme_staff), None
    _record(staff, dialogue, action="record", joint_summary="We agree.", meeting_date="")
    _record(
        staff,
        dialogue,
        action="add-action",
        description="Shared reporting template",
        owner=partner.pk,
        due_date="2027-02-01",
        principle="",
    )
    assert JointAction.objects.get().owner == partner
    _record(staff, dialogue, action="approve")
    dialogue.refresh_from_db()
    assert dialogue.state == Dialogue.State.JOINT and dialogue.organisation_approved_at
    partner_client = client_for(partner)
    _record(partner_client, dialogue, action="approve")
    dialogue.refresh_from_db()
    assert dialogue.state == Dialogue.State.LOCKED and dialogue.locked_at
    # "For the joint meeting only" is gone from the stored record.
    assert not Reflection.objects.exclude(joint_meeting_only="").exists()
    assert "OFFRECORD" not in _page(partner_client, dialogue)


def test_a_change_after_one_approval_asks_both_again(
    client_for, both_submitted, partner, programme_staff
):
    dialogue = both_submitted
    _record(client_for(programme_staff), dialogue, action="approve")
    _record(
        client_for(partner), dialogue, action="record", joint_summary="Changed", meeting_date=""
    )
    dialogue.refresh_from_db()
    assert dialogue.organisation_approved_at is None and dialogue.state == Dialogue.State.JOINT


def test_owner_must_be_in_the_partnership(client_for, both_submitted, programme_staff, member):
    _record(
        client_for(programme_staff),
        both_submitted,
        action="add-action",
        description="X",
        owner=member.pk,
        due_date="2027-02-01",
    )
    assert not JointAction.objects.exists()


@pytest.fixture
def locked(both_submitted):
    Dialogue.objects.filter(pk=both_submitted.pk).update(
        state=Dialogue.State.LOCKED, joint_summary="Original record"
    )
    both_submitted.refresh_from_db()
    return both_submitted


def test_locked_record_does_not_change_only_addenda(client_for, locked, partner):
    client = client_for(partner)
    _record(client, locked, action="record", joint_summary="Rewritten", meeting_date="")
    _record(
        client,
        locked,
        action="add-action",
        description="Sneaked",
        owner=partner.pk,
        due_date="2027-01-01",
    )
    _record(client, locked, action="approve")
    locked.refresh_from_db()
    assert locked.joint_summary == "Original record" and locked.state == Dialogue.State.LOCKED
    assert not JointAction.objects.exists()
    _record(
        client,
        locked,
        action="addendum",
        text="Mid-year change",
        description="New action",
        owner=partner.pk,
        due_date="2027-05-01",
    )
    addendum = Addendum.objects.get()
    assert addendum.text == "Mid-year change" and addendum.created_at
    assert JointAction.objects.get().addendum == addendum
    page = _page(client, locked)
    assert "Mid-year change" in page and "Original record" in page


def test_addenda_only_after_locking(client_for, both_submitted, partner):
    _record(client_for(partner), both_submitted, action="addendum", text="Too early")
    assert not Addendum.objects.exists()
