"""Members submit a practice: the form (and what it keeps on error), the draft page in the
Practice review workflow, the submitter's status and notifications, their data and deletion."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import PageViewRestriction

from home import hooks as home_hooks
from partners.factories import PartnershipFactory
from partners.models import Notification
from practices.models import PracticePage, PracticeSubmission

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRACTICES_PENDING_ROOT = tmp_path / "pending"


def form_data(themes, **changes):
    data = {
        "title": "Court companions",
        "summary": "Volunteers accompany survivors to hearings.",
        "results": "Fewer hearings abandoned.\n\nJudges asked for it to continue.",
        "themes": [str(themes["legal-aid"].translation_key)],
        "countries": ["KE"],
        "period_start": "2019",
        "period_end": "2021",
        "evidence_level": "self-reported",
        "audience": "members",
        "language": "en",
        "contains_identifying_details": "no",
        "note_to_editors": "Call me on Tuesdays.",
    }
    data.update(changes)
    return data


def pdf(name="report.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def test_submit_is_for_members_only(client_for, catalogue_page, non_member, client):
    url = reverse("practices:submit")
    assert client.get(url).status_code == 302  # sign in first
    assert client_for(non_member).get(url).status_code == 404


def test_submission_makes_a_restricted_draft_in_review(client_for, catalogue_page, member, themes):
    client = client_for(member)
    response = client.post(
        reverse("practices:submit"), {**form_data(themes), "attachments": [pdf()]}
    )
    assert response.status_code == 302, response.context["form"].errors
    submission = PracticeSubmission.objects.get()
    page = submission.page.specific
    assert not page.live and page.get_parent().pk == catalogue_page.pk
    assert submission.submitter == member
    assert submission.note_to_editors == "Call me on Tuesdays."
    # Nothing about the submitter on the page, its revision or its workflow state.
    assert page.owner is None
    assert page.get_latest_revision().user is None
    assert page.current_workflow_state.requested_by is None
    assert page.current_workflow_state.workflow.name == "Practice review"
    assert PageViewRestriction.objects.get(page=page).restriction_type == "login"
    assert [str(t.translation_key) for t in page.themes.all()] == [
        str(themes["legal-aid"].translation_key)
    ]
    assert page.results == "<p>Fewer hearings abandoned.</p><p>Judges asked for it to continue.</p>"
    assert page.attachments.get().document.collection.name == "Practice submissions"
    listing = client.get(reverse("practices:submissions")).content.decode()
    assert "Court companions" in listing and "In review" in listing


def test_an_error_keeps_what_was_typed_and_the_attachment(
    client_for, catalogue_page, member, themes
):
    client = client_for(member)
    data = form_data(themes, title="", summary="Kept summary")
    response = client.post(reverse("practices:submit"), {**data, "attachments": [pdf("kept.pdf")]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kept summary" in html and "kept.pdf" in html
    token = response.context["held"][0].token
    response = client.post(
        reverse("practices:submit"), {**form_data(themes), "pending": [str(token)]}
    )
    assert response.status_code == 302
    page = PracticeSubmission.objects.get().page.specific
    assert page.attachments.get().document.title == "kept.pdf"


def test_a_refused_file_type_is_named_and_nothing_is_made(
    client_for, catalogue_page, member, themes
):
    client = client_for(member)
    bad = SimpleUploadedFile("photo.svg", b"<svg/>", content_type="image/svg+xml")
    response = client.post(reverse("practices:submit"), {**form_data(themes), "attachments": [bad]})
    assert response.status_code == 200
    assert "photo.svg" in response.content.decode()
    assert not PracticePage.objects.exists()


def test_group_audience_restricts_to_the_partnership_group(
    client_for, catalogue_page, member, themes
):
    partnership = PartnershipFactory(audience="members")
    client = client_for(member)
    response = client.post(
        reverse("practices:submit"),
        form_data(themes, audience="group", partnership=str(partnership.pk)),
    )
    assert response.status_code == 302
    restriction = PageViewRestriction.objects.get()
    assert list(restriction.groups.all()) == [partnership.working_group]


def test_the_submitter_hears_of_changes_requested_and_publication(
    client_for, catalogue_page, member, editor, themes
):
    client_for(member).post(reverse("practices:submit"), form_data(themes))
    submission = PracticeSubmission.objects.get()
    page = submission.page.specific
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "reject")
    submission.refresh_from_db()
    assert submission.status == "changes-requested"
    assert Notification.objects.get(recipient=member).kind == "practices.changes_requested"

    page.current_workflow_state.resume(None)  # the page was changed and goes back to review
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")
    submission.refresh_from_db()
    assert submission.status == "published"
    assert PracticePage.objects.get(pk=page.pk).live
    kinds = set(Notification.objects.filter(recipient=member).values_list("kind", flat=True))
    assert kinds == {"practices.changes_requested", "practices.published"}


def test_export_and_deletion_cover_submissions(client_for, catalogue_page, member, themes):
    client_for(member).post(reverse("practices:submit"), form_data(themes))
    exported = home_hooks.data_export(member)["practice_submissions"]
    assert exported[0]["note_to_editors"] == "Call me on Tuesdays."
    page_id = PracticeSubmission.objects.get().page_id
    home_hooks.account_deletion(member)
    assert not PracticeSubmission.objects.exists()
    assert PracticePage.objects.filter(pk=page_id).exists()  # the practice stays


def _request_changes(page, editor, comment):
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "reject", comment=comment)


def test_the_submitter_reads_the_comment_revises_and_sends_it_back(
    client_for, catalogue_page, member, editor, themes
):
    client = client_for(member)
    client.post(reverse("practices:submit"), form_data(themes, period_end="2021"))
    submission = PracticeSubmission.objects.get()
    page = submission.page.specific
    _request_changes(page, editor, "Please say how many hearings.\nAnd remove the judge's name.")
    submission.refresh_from_db()
    assert submission.reviewer_comment.startswith("Please say how many hearings.")

    listing = client.get(reverse("practices:submissions")).content.decode()
    assert "Changes requested" in listing
    assert "Please say how many hearings.<br>And remove the judge&#x27;s name." in listing
    revise_url = reverse("practices:revise", args=[submission.pk])
    assert revise_url in listing

    # The form holds the draft as it stands, the comment beside it.
    response = client.get(revise_url)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["title"].value() == "Court companions"
    assert (
        form["results"].value() == "Fewer hearings abandoned.\n\nJudges asked for it to continue."
    )
    assert form["themes"].value() == [str(themes["legal-aid"].translation_key)]
    assert form["countries"].value() == ["KE"]
    assert "audience" not in form.fields and "language" not in form.fields
    assert "Please say how many hearings." in response.content.decode()

    # A mistake keeps what was typed.
    changed = form_data(themes, results="Hearings abandoned fell from 40 to 12.", title="")
    for name in ("audience", "language"):
        changed.pop(name)
    response = client.post(revise_url, changed)
    assert response.status_code == 200
    assert "Hearings abandoned fell from 40 to 12." in response.content.decode()
    assert PracticeSubmission.objects.get().status == "changes-requested"

    changed["title"] = "Court companions, revised"
    response = client.post(revise_url, changed)
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "in-review"
    assert submission.title == "Court companions, revised"
    page = PracticePage.objects.get(pk=page.pk)
    assert not page.live
    latest = page.get_latest_revision()
    assert latest.user is None  # nothing of the submitter on the revision
    draft = latest.as_object()
    assert draft.title == "Court companions, revised"
    assert draft.results == "<p>Hearings abandoned fell from 40 to 12.</p>"
    state = page.current_workflow_state
    assert state.status == state.STATUS_IN_PROGRESS
    assert state.current_task_state.revision_id == latest.pk
    # The member's data export holds the editors' comment on their submission.
    exported = home_hooks.data_export(member)["practice_submissions"]
    assert exported[0]["reviewer_comment"].startswith("Please say how many hearings.")
    # Still for members only, as submitted.
    assert PageViewRestriction.objects.get(page=page).restriction_type == "login"
    # The editors approve the revised draft: it is published as revised.
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")
    assert PracticePage.objects.get(pk=page.pk).title == "Court companions, revised"
    assert client.get(revise_url).status_code == 404  # nothing to revise any more


def test_only_the_submitter_may_revise_and_only_when_asked(
    client_for, catalogue_page, member, group_member, non_member, editor, themes
):
    client_for(member).post(reverse("practices:submit"), form_data(themes))
    submission = PracticeSubmission.objects.get()
    revise_url = reverse("practices:revise", args=[submission.pk])
    assert client_for(member).get(revise_url).status_code == 404  # still in review
    _request_changes(submission.page.specific, editor, "Shorter, please.")
    assert client_for(member).get(revise_url).status_code == 200
    assert client_for(group_member).get(revise_url).status_code == 404
    assert client_for(group_member).post(revise_url, form_data(themes)).status_code == 404
    assert client_for(non_member).get(revise_url).status_code == 404


def test_a_draft_whose_review_was_cancelled_starts_a_new_one(
    client_for, catalogue_page, member, editor, themes
):
    client = client_for(member)
    client.post(reverse("practices:submit"), form_data(themes))
    submission = PracticeSubmission.objects.get()
    page = submission.page.specific
    _request_changes(page, editor, "Shorter, please.")
    page.current_workflow_state.cancel(user=editor)
    assert page.current_workflow_state is None
    changed = form_data(themes, summary="Shorter.")
    for name in ("audience", "language"):
        changed.pop(name)
    assert (
        client.post(reverse("practices:revise", args=[submission.pk]), changed).status_code == 302
    )
    state = PracticePage.objects.get(pk=page.pk).current_workflow_state
    assert state.status == state.STATUS_IN_PROGRESS
    assert state.workflow.name == "Practice review"
    assert state.current_task_state.revision.as_object().summary == "Shorter."
