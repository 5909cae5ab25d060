"""The phase-out form: who may open it, what a rejected form keeps, and how each item's
audience choice reaches the draft practice, its review and every surface once published."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from partners.factories import MembershipFactory, PartnershipFactory, UserFactory
from practices.models import PracticePage, PracticeSubmission

pytestmark = pytest.mark.django_db

GOALS = "goalsword survivors lead their own cases"
CRITERIA = "criteriaword two lawyers trained"
SUMMARY = "summaryword courts heard forty cases"
RESULTS = "resultsword hearings abandoned fell by half"
LESSONS = "lessonsword names of the judges we trusted"
HOW = "spaceword the director left in a hurry"


@pytest.fixture
def partnership(member):
    partnership = PartnershipFactory(
        phase="phased-out",
        audience="members",
        organisations=[member.memberships.get().organisation],
        shared_goals=GOALS,
        exit_criteria=CRITERIA,
        results_summary=SUMMARY,
        countries=["KE"],
    )
    partnership.save()  # the factory's organisations are written when the partnership is saved
    return partnership


def url(partnership):
    return reverse("practices:phase_out", kwargs={"pk": partnership.pk})


def form_data(**changes):
    data = {
        "title": "Court companions, phased out",
        "summary": "What the partners learned when the partnership ended.",
        "audience": "public",
        "language": "en",
        "item_shared_goals": GOALS,
        "share_shared_goals": "public",
        "item_exit_criteria": CRITERIA,
        "share_exit_criteria": "public",
        "item_results_summary": SUMMARY,
        "share_results_summary": "space",
        "item_results": RESULTS,
        "share_results": "public",
        "item_lessons_learned": LESSONS,
        "share_lessons_learned": "members",
        "item_phase_out": HOW,
        "share_phase_out": "space",
        "countries": ["KE"],
        "period_start": "2018",
        "period_end": "2024",
        "evidence_level": "self-reported",
        "contains_identifying_details": "no",
    }
    data.update(changes)
    return data


def test_phase_out_is_for_the_partnership_people_only(
    client, client_for, catalogue_page, member, non_member, partnership
):
    assert client.get(url(partnership)).status_code == 302  # sign in first
    outsider = MembershipFactory().user  # a member of another organisation
    assert client_for(outsider).get(url(partnership)).status_code == 404
    assert client_for(non_member).get(url(partnership)).status_code == 404
    staff = MembershipFactory().user
    partnership.staff.add(staff)
    partnership.save()  # a ParentalManyToManyField is written when its owner is saved
    assert client_for(staff).get(url(partnership)).status_code == 200  # on the other side
    response = client_for(member).get(url(partnership))
    assert response.status_code == 200
    assert GOALS in response.content.decode()  # prefilled from the partnership's record
    missing = reverse("practices:phase_out", kwargs={"pk": partnership.pk + 100})
    assert client_for(member).get(missing).status_code == 404


def test_phase_out_waits_for_the_phase(client_for, catalogue_page, member, partnership):
    partnership.phase = "implementing"
    partnership.save()
    assert client_for(member).get(url(partnership)).status_code == 404
    partnership.phase = "phasing-out"
    partnership.save()
    assert client_for(member).get(url(partnership)).status_code == 200


def test_phase_out_closes_for_people_who_leave(client_for, catalogue_page, member, partnership):
    """Removed from the partner organisation: out of the space, so out of the form; staff,
    editors and superusers outside the space do not reach it either."""
    member.memberships.get().delete()
    MembershipFactory(user=member)  # still a member of the exchange, elsewhere
    assert client_for(member).get(url(partnership)).status_code == 404


def test_phase_out_is_closed_to_roles_outside_the_space(
    client_for, catalogue_page, editor, moderator, superuser, partnership
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    for user in (editor, moderator, superuser):
        TOTP.activate(user, generate_totp_secret())  # staff pass the second factor first
        assert client_for(user).get(url(partnership)).status_code == 404, user


def test_phase_out_rejected_form_keeps_what_was_typed(
    client_for, catalogue_page, member, partnership
):
    data = form_data(title="", item_results="Typed and kept", share_phase_out="members")
    data["item_phase_out"] = ""
    response = client_for(member).post(url(partnership), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Typed and kept" in html and LESSONS in html
    errors = response.context["form"].errors
    assert set(errors) == {"title", "item_phase_out"}
    assert not PracticePage.objects.exists()


def test_phase_out_members_only_practice_takes_no_public_item(
    client_for, catalogue_page, member, partnership
):
    response = client_for(member).post(url(partnership), form_data(audience="members"))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {
        "share_shared_goals",
        "share_exit_criteria",
        "share_results",
    }


def test_phase_out_needs_one_item_to_leave_the_space(
    client_for, catalogue_page, member, partnership
):
    shares = {f"share_{key}": "space" for key in (
        "shared_goals", "exit_criteria", "results_summary", "results", "lessons_learned",
        "phase_out",
    )}  # fmt: skip
    response = client_for(member).post(url(partnership), form_data(**shares))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_phase_out_audience_choices_reach_the_draft(
    client_for, catalogue_page, member, partnership
):
    response = client_for(member).post(url(partnership), form_data())
    assert response.status_code == 302, response.context["form"].errors
    submission = PracticeSubmission.objects.get()
    assert submission.submitter == member and submission.partnership == partnership
    page = submission.page.specific
    assert not page.live and page.partnership == partnership
    assert page.current_workflow_state.workflow.name == "Practice review"
    assert page.current_workflow_state.requested_by is None
    assert not PageViewRestriction.objects.filter(page=page).exists()  # public
    assert GOALS in page.objectives
    # Two public items for one section: each under its own heading.
    assert page.results == f"<p>{RESULTS}</p>"
    assert CRITERIA in page.exit_strategy and HOW not in page.exit_strategy
    sections = [(block.value["heading"], block.value["body"].source) for block in page.members_only]
    assert sections == [("Lessons learned", f"<p>{LESSONS}</p>")]
    revision = page.get_latest_revision().content
    for kept in (SUMMARY, HOW):  # stays in the space: never copied, not even in the revision
        assert kept not in str(revision)


def test_phase_out_members_practice_is_restricted(client_for, catalogue_page, member, partnership):
    data = form_data(
        audience="members",
        share_shared_goals="members",
        share_exit_criteria="space",
        share_results="members",
    )
    assert client_for(member).post(url(partnership), data).status_code == 302
    page = PracticeSubmission.objects.get().page
    assert PageViewRestriction.objects.get(page=page).restriction_type == "login"


def _publish(page, editor):
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")
    return PracticePage.objects.get(pk=page.pk)


def test_phase_out_follows_the_safety_check(
    client_for, catalogue_page, member, editor, partnership
):
    """Identifying details: the public draft cannot be approved, as any submission."""
    client_for(member).post(url(partnership), form_data(contains_identifying_details="yes"))
    page = PracticeSubmission.objects.get().page.specific
    task = page.current_workflow_state.current_task_state.task.specific
    assert "approve" not in [action[0] for action in task.get_actions(page, editor)]


def test_phase_out_members_items_never_reach_the_public(
    client, client_for, catalogue_page, member, editor, partnership
):
    client_for(member).post(url(partnership), form_data())
    page = _publish(PracticeSubmission.objects.get().page.specific, editor)
    assert page.live
    index = catalogue_page.url
    surfaces = [
        page.url,
        index,
        f"{index}export/csv/",
        f"{index}export/json/",
        f"{index}feed/",
        f"{index}map/",
        f"{index}matrix/",
    ]
    # Searching for a word only the members-only item holds finds nothing (the query is
    # echoed on the page, so the practice's title is what must not come back).
    searches = [
        f"{index}?q=lessonsword",
        f"{index}export/csv/?q=lessonsword",
        f"{index}export/json/?q=lessonsword",
        reverse("search:search") + "?q=lessonsword",
        reverse("search:autocomplete") + "?q=lessonsword",
    ]
    client.logout()
    for address in surfaces + searches:
        response = client.get(address)
        assert response.status_code == 200, address
        body = response.content.decode()
        assert "names of the judges" not in body, address
        assert "spaceword" not in body and SUMMARY not in body, address
    for address in searches:
        assert page.title not in client.get(address).content.decode(), address
    # The public does see the public items and the practice itself.
    assert RESULTS in client.get(page.url).content.decode()
    assert page.title in client.get(f"{index}?q=resultsword").content.decode()
    # Members read the members-only section on the page; the space's items nowhere.
    body = client_for(member).get(page.url).content.decode()
    assert LESSONS in body and "For members" in body
    assert "spaceword" not in body


def test_phase_out_link_for_staff_without_membership_is_404(
    client_for, catalogue_page, partnership
):
    """Programme staff must be members (verified, in an organisation, or site staff)."""
    user = UserFactory()
    partnership.staff.add(user)
    partnership.save()
    assert client_for(user).get(url(partnership)).status_code == 404
