"""Writes with side effects: the review workflow and members' submissions."""

import uuid

from django.contrib.auth.models import Group
from django.db.models import Q as models_q
from django.utils.html import escape
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

from .forms import MAX_FILES
from .models import PracticeReviewTask

EDITORS = "Editors"
WORKFLOW_NAME = "Practice review"
TASK_NAME = "Editors review the practice"


def practice_workflow() -> Workflow:
    """The "Practice review" workflow (made by migration 0004; remade if someone deleted it)."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    task = PracticeReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = PracticeReviewTask.objects.create(name=TASK_NAME)
        task.groups.set([Group.objects.get_or_create(name=EDITORS)[0]])
    workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def ensure_practice_review(index: Page) -> None:
    """Put a catalogue (and so every practice under it) under the Practice review workflow."""
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": practice_workflow()})


# --- Member submissions -----------------------------------------------------------------------


def hold_uploads(user, files, *, keep=()) -> list:
    """Store ``files`` as the user's pending uploads and return them with the ones already
    held (``keep``: tokens from the form), so a form with errors loses no attachment."""
    from .models import PendingUpload

    held = list(PendingUpload.objects.filter(submitter=user, token__in=list(keep)[:MAX_FILES]))
    for upload in files[: max(0, MAX_FILES - len(held))]:
        pending = PendingUpload(submitter=user, name=upload.name[:200])
        pending.file.save(upload.name[-100:], upload, save=False)
        pending.save()
        held.append(pending)
    return held


def _paragraphs(text: str) -> str:
    """Plain text typed in the form as rich-text paragraphs (escaped)."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in block.split("\n")) + "</p>"
        for block in blocks
        if block
    )


def _catalogue_in(index: Page, language: str) -> Page:
    for page in index.get_translations(inclusive=True).select_related("locale"):
        if page.locale.language_code == language:
            return page
    return index


def submission_languages(index: Page) -> list[str]:
    return [
        page.locale.language_code
        for page in index.get_translations(inclusive=True).select_related("locale")
    ]


def submit_practice(user, *, index: Page, data: dict, uploads=()) -> "PracticeSubmission":  # noqa: F821
    """Make a draft practice from a member's form, restricted to the chosen audience, and
    submit it to the Practice review workflow."""
    fields = {name: _paragraphs(data.get(name, "")) for name in _FREE_SECTIONS}
    return _submit_draft(user, index=index, data=data, fields=fields, uploads=uploads)


_FREE_SECTIONS = ("context", "objectives", "activities", "results", "lessons_learned")


def submit_phase_out(user, *, index: Page, partnership, data: dict) -> "PracticeSubmission":  # noqa: F821
    """Turn a phase-out form into a draft practice in review, exactly as a member's
    submission. Public items go to the practice's own sections; members-only items to its
    ``members_only`` sections, which no listing, search, feed or export reads; items kept in
    the space are not copied anywhere."""
    from django.utils import translation

    from .forms import PHASE_OUT_ITEMS, Share

    public: dict[str, list] = {}
    members = []
    parent = _catalogue_in(index, data["language"])
    with translation.override(parent.locale.language_code):  # headings in the page's language
        for item in PHASE_OUT_ITEMS:
            share = data[f"share_{item.key}"]
            text = _paragraphs(data.get(f"item_{item.key}", ""))
            if share == Share.PUBLIC:
                public.setdefault(item.field, []).append((str(item.label), text))
            elif share == Share.MEMBERS:
                members.append(
                    {"type": "section", "value": {"heading": str(item.label), "body": text}}
                )
    fields = {
        field: "".join(
            (f"<h3>{escape(label)}</h3>" if len(parts) > 1 else "") + text for label, text in parts
        )
        for field, parts in public.items()
    }
    fields["members_only"] = members
    return _submit_draft(
        user,
        index=index,
        data={**data, "partnership": partnership},
        fields=fields,
    )


def _submit_draft(user, *, index: Page, data: dict, fields: dict, uploads=()):
    """The draft practice (``fields``: its sections, as rich text), restricted to
    ``data["audience"]``, in the Practice review workflow. Nothing about the submitter goes on
    the page, its revision or the workflow state: they stay on the PracticeSubmission."""
    from django.db import transaction
    from django.utils.text import slugify
    from wagtail.documents import get_document_model
    from wagtail.models import PageViewRestriction

    from .models import PracticeAttachment, PracticePage, PracticeSubmission

    audience = data["audience"]
    partnership = data.get("partnership")
    with transaction.atomic():
        parent = _catalogue_in(index, data["language"])
        page = PracticePage(
            title=data["title"],
            slug=f"{slugify(data['title'])[:60] or 'practice'}-{uuid.uuid4().hex[:6]}",
            summary=data["summary"],
            **fields,
            partnership=partnership,
            countries=data.get("countries", []),
            period_start=data.get("period_start"),
            period_end=data.get("period_end"),
            evidence_level=data["evidence_level"],
            contains_identifying_details=data["contains_identifying_details"],
            live=False,
        )
        parent.add_child(instance=page)
        _set_taxonomies(page, data)
        page.save()  # ParentalManyToManyField: the links are written when the page is saved
        if audience == PracticeSubmission.Audience.MEMBERS:
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.LOGIN
            )
        elif audience == PracticeSubmission.Audience.GROUP:
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.GROUPS
            )
            restriction.groups.set([partnership.working_group])
        # Submitted files wait in a collection only Editors may open; editors move them when
        # they publish (CMS documents are served to anyone with the link otherwise).
        collection = review_collection() if uploads else None
        for position, pending in enumerate(uploads):
            with pending.file.open("rb") as handle:
                document = get_document_model()(title=pending.name, collection=collection)
                document.file.save(pending.name, handle, save=False)
                document.save()
            PracticeAttachment.objects.create(page=page, document=document, sort_order=position)
            pending.file.delete(save=False)
            pending.delete()
        page.save_revision(log_action=False)
        page.get_workflow().start(page, None)
        return PracticeSubmission.objects.create(
            submitter=user,
            page=page,
            title=page.title,
            partnership=partnership,
            audience=audience,
            language_code=parent.locale.language_code,
            note_to_editors=data.get("note_to_editors", ""),
        )


def _set_taxonomies(page, data: dict) -> None:
    """Themes, principles and regions from their translation keys in ``data``. Pages point at
    the original-language snippets (the first made of each key)."""
    from .models import Principle, Region, Theme

    for field, model in (("themes", Theme), ("principles", Principle), ("regions", Region)):
        originals = model.objects.filter(translation_key__in=data.get(field, [])).order_by("-pk")
        chosen = {snippet.translation_key: snippet for snippet in originals}
        getattr(page, field).set(list(chosen.values()))


def _plain_paragraphs(html: str) -> str:
    """Rich text back to the form's plain text: paragraphs and headings as blank-line
    separated blocks, line breaks as lines (the inverse of ``_paragraphs``)."""
    import re

    from home.sanitize import plain_text

    html = re.sub(r"<br\s*/?>", "\n", html or "")
    html = re.sub(r"</(p|h[1-6]|li|blockquote)>", "\n\n", html)
    blocks = [plain_text(block) for block in html.split("\n\n")]
    return "\n\n".join(block for block in blocks if block)


def revision_initial(submission) -> dict:
    """The revise form's values: the draft as it stands now (editors may have changed it)."""
    page = submission.page.get_latest_revision_as_object()
    initial = {
        "title": page.title,
        "summary": page.summary,
        **{name: _plain_paragraphs(getattr(page, name)) for name in _FREE_SECTIONS},
        "countries": [country.code for country in page.countries],
        "period_start": page.period_start,
        "period_end": page.period_end,
        "evidence_level": page.evidence_level,
        "contains_identifying_details": "yes" if page.contains_identifying_details else "no",
        "note_to_editors": submission.note_to_editors,
    }
    for field in ("themes", "principles", "regions"):
        initial[field] = [str(snippet.translation_key) for snippet in getattr(page, field).all()]
    return initial


def resubmit(submission, data: dict):
    """The submitter's revised draft, back in review: a new revision of the page (nothing of
    the submitter on it) and the workflow resumed at the task that asked for changes. Who may
    read it, its language and partnership stay as submitted; members-only sections of a
    phase-out record are kept."""
    from django.db import transaction

    from .models import PracticeSubmission

    with transaction.atomic():
        page = submission.page.get_latest_revision_as_object()
        page.title = data["title"]
        page.summary = data["summary"]
        for name in _FREE_SECTIONS:
            setattr(page, name, _paragraphs(data.get(name, "")))
        page.countries = data.get("countries", [])
        page.period_start = data.get("period_start")
        page.period_end = data.get("period_end")
        page.evidence_level = data["evidence_level"]
        page.contains_identifying_details = data["contains_identifying_details"]
        _set_taxonomies(page, data)
        page.save_revision(log_action=False)
        state = page.current_workflow_state
        if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
            state.resume(None)
        elif state is None:  # an editor cancelled the review meanwhile: a new one
            page.get_workflow().start(page, None)
        submission.title = page.title
        submission.note_to_editors = data.get("note_to_editors", "")
        submission.status = PracticeSubmission.Status.IN_REVIEW
        submission.save(update_fields=["title", "note_to_editors", "status", "updated_at"])
    return submission


def review_collection():
    """The collection for submitted attachments: only Editors may open its documents."""
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name="Practice submissions").first()
    if collection is None:
        collection = root.add_child(name="Practice submissions")
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set([Group.objects.get_or_create(name=EDITORS)[0]])
    return collection


def record_review(page, *, status: str, comment: str = "") -> "PracticeSubmission | None":  # noqa: F821
    """The review of a submitted practice ended (published, or changes requested, with the
    reviewer's comment): record it and tell the submitter."""
    from partners.notifications import notify

    from .models import PracticeSubmission

    submission = (
        PracticeSubmission.objects.filter(page_id=page.pk).select_related("submitter").first()
    )
    if submission is None or submission.status == status:
        return submission
    submission.status = status
    submission.reviewer_comment = comment if status == submission.Status.CHANGES_REQUESTED else ""
    submission.save(update_fields=["status", "reviewer_comment", "updated_at"])
    kind = (
        "practices.published"
        if status == PracticeSubmission.Status.PUBLISHED
        else "practices.changes_requested"
    )
    notify(submission.submitter, kind=kind, target=submission)
    return submission


# --- Following themes and regions -------------------------------------------------------------


def toggle_follow(user, *, kind: str, translation_key) -> bool:
    """Follow (True) or stop following (False) a theme or region."""
    from .models import PracticeFollow

    follow, created = PracticeFollow.objects.get_or_create(
        user=user, kind=kind, translation_key=translation_key
    )
    if not created:
        follow.delete()
    return created


def notify_followers(page) -> int:
    """Tell the followers of a newly published practice's themes and regions (each once);
    ``notify`` skips anyone who may not read it."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    from partners.models import Notification
    from partners.notifications import notify

    from .models import PracticeFollow, PracticePage

    themes = [t.translation_key for t in page.themes.all()]
    regions = [r.translation_key for r in page.regions.all()]
    followers = PracticeFollow.objects.filter(
        models_q(kind="theme", translation_key__in=themes)
        | models_q(kind="region", translation_key__in=regions)
    ).values("user")
    # Safe to run twice: who was already told of this page is not told again.
    told = Notification.objects.filter(
        kind="practices.new_practice",
        target_type=ContentType.objects.get_for_model(PracticePage),
        target_id=page.pk,
    ).values("recipient")
    users = get_user_model().objects.filter(pk__in=followers, is_active=True).exclude(pk__in=told)
    sent = 0
    for user in users:
        if notify(user, kind="practices.new_practice", target=page) is not None:
            sent += 1
    return sent
