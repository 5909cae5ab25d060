"""Writes with side effects for the policy: versions, retained revisions, moderation set-up,
review reminders and feedback."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Revision,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home import mail
from home.models import (
    PolicyDocumentPage,
    PolicyFeedback,
    PolicyPage,
    PolicyReviewReminder,
    PolicyVersion,
    RetainedRevision,
)
from home.policy import review
from partners.access import EDITORS

logger = logging.getLogger(__name__)

POLICY_WORKFLOW_NAME = "Policy approval"
POLICY_TASK_NAME = "Editors approve the policy"
# What Editors may do on a policy page and its annexes. Publishing is needed by whoever
# approves the last task: Wagtail publishes as the approving user.
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


# --- Versions and revisions -----------------------------------------------------------------


def record_published_version(page: PolicyDocumentPage, revision: Revision) -> PolicyVersion:
    """Add ``revision`` of ``page``, just published, to the public version history."""
    existing = PolicyVersion.objects.filter(revision=revision).first()
    if existing is not None:
        return existing
    published_at = page.last_published_at or timezone.now()
    group = PolicyVersion.objects.filter(page__translation_key=page.translation_key)
    rows = list(group.values_list("page_id", "number", "version_label", "adopted_on"))
    number, adopted_on = version_number_and_date(
        rows, page_id=page.pk, label=page.version_label, published_at=published_at
    )
    return PolicyVersion.objects.create(
        revision=revision,
        page=page,
        number=number,
        version_label=page.version_label,
        change_summary=page.change_summary,
        published_at=published_at,
        adopted_on=adopted_on,
    )


def version_number_and_date(rows, *, page_id: int, label: str, published_at):
    """The number and adoption date of a new publication of ``page_id``, given ``rows``
    ``(page_id, number, version_label, adopted_on)`` of every language of the page.

    The same version has the same number and date in every language: a translation of
    version "2.0" takes the number the source gave "2.0" (the latest, if the source
    republished it) and the day "2.0" was first published. Anything else (a new label, no
    label, or a number this page already used) takes the next number of the group, dated
    today. Numbers stay unique per page: /versions/3/ is one publication."""
    used_here = {number for row_page, number, _label, _day in rows if row_page == page_id}
    same = [row for row in rows if label and row[2] == label]
    day = min((row[3] for row in same), default=None) or timezone.localdate(published_at)
    free = sorted(
        (number for _page, number, _label, _day in same if number not in used_here), reverse=True
    )
    if free:
        return free[0], day
    return max((number for _page, number, _label, _day in rows), default=0) + 1, day


def retain_revision(revision: Revision) -> RetainedRevision:
    """Hold ``revision`` (of a policy or annex page) so that purge_revisions skips it."""
    retained, _created = RetainedRevision.objects.get_or_create(
        revision=revision, defaults={"page_id": int(revision.object_id)}
    )
    return retained


def release_unpublished_policy_revisions(page: Page) -> int:
    """Let a never-published policy page (and what is below it) be deleted: drop the holds
    on its draft revisions. Published pages keep theirs (their history is public)."""
    deleted, _counts = (
        RetainedRevision.objects.filter(page__path__startswith=page.path)
        .exclude(page__in=PolicyVersion.objects.values("page"))
        .delete()
    )
    return deleted


# --- Moderation -----------------------------------------------------------------------------


def editors_group() -> Group:
    return Group.objects.get_or_create(name=EDITORS)[0]


def policy_workflow() -> Workflow:
    """The "Policy approval" workflow: one task, approved by the Editors group.

    The data migration creates it; this finds it (or recreates it if someone deleted it)."""
    workflow = Workflow.objects.filter(name=POLICY_WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    task = GroupApprovalTask.objects.filter(name=POLICY_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=POLICY_TASK_NAME)
        task.groups.set([editors_group()])
    workflow = Workflow.objects.create(name=POLICY_WORKFLOW_NAME)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def ensure_policy_moderation(page: Page) -> None:
    """Put ``page`` (a new policy page, in any language) under the Editors' approval workflow
    and give Editors the right to edit it, its annexes and translations. Safe to repeat."""
    WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": policy_workflow()})
    group = editors_group()
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=EDITOR_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


# --- Review reminders -----------------------------------------------------------------------


def policies_for_review(today: datetime.date) -> list[PolicyPage]:
    """Live policies whose review is due within the reminder window or overdue.

    One page per policy: translations share the review dates, the default language's page
    stands for them all."""
    chosen: dict = {}
    for page in PolicyPage.objects.live().select_related("locale").order_by("path"):
        current = chosen.get(page.translation_key)
        if current is None or page.locale.language_code == settings.LANGUAGE_CODE:
            chosen[page.translation_key] = page
    return [
        page for page in chosen.values() if review.is_review_approaching(page.review_due, today)
    ]


def editors():
    """The Editors who can receive mail, each with their profile (their language)."""
    users = get_user_model().objects.filter(groups__name=EDITORS, is_active=True).exclude(email="")
    return list(users.select_related("profile").distinct().order_by("pk"))


def send_review_reminders(*, today: datetime.date | None = None) -> list[PolicyReviewReminder]:
    """Email the editors once per policy and due date when a review approaches.

    The mails wait in the outbox (home.mail) while the mail server is down: nothing is lost,
    and a reminder is recorded once its mails are queued."""
    today = today or timezone.localdate()
    recipients = editors()
    sent = []
    if not recipients:
        logger.warning("Policy review reminders: nobody is in the %s group.", EDITORS)
        return sent
    for page in policies_for_review(today):
        due = page.review_due
        if PolicyReviewReminder.objects.filter(page=page, due_date=due).exists():
            continue
        try:
            with transaction.atomic():
                reminder = PolicyReviewReminder.objects.create(
                    page=page, due_date=due, recipient_count=len(recipients)
                )
                for editor in recipients:
                    mail.send_mail(
                        to=editor,
                        template="home/email/policy_review",
                        context={
                            "page": page,
                            "due": due,
                            "overdue": due < today,
                            "edit_url": mail.absolute_url(
                                reverse("wagtailadmin_pages:edit", args=[page.pk])
                            ),
                            "page_url": page.full_url,
                        },
                    )
        except IntegrityError:  # another run recorded it in the meantime
            continue
        sent.append(reminder)
    return sent


# --- Feedback -------------------------------------------------------------------------------


def submit_feedback(
    page: PolicyPage,
    *,
    message: str,
    section: str = "",
    user=None,
    email: str = "",
    language: str = "",
) -> PolicyFeedback:
    """Store feedback on the policy, then (after commit) tell the editors it arrived."""
    from home.policy.tasks import notify_editors_of_feedback

    feedback = PolicyFeedback.objects.create(
        page=page,
        message=message,
        section=section,
        user=user if user is not None and user.is_authenticated else None,
        email=email,
        language=language,
    )
    transaction.on_commit(lambda: notify_editors_of_feedback.enqueue(feedback.pk))
    return feedback
