"""The dialogue's steps: answer, submit, the joint record, approval and locking, addenda; and
the reminders before due dates. Every step checks the dialogue's state inside a transaction
with the row locked, so two people pressing at once cannot skip a step."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from partners import notifications

from . import membership
from .models import Addendum, Dialogue, JointAction, PlanActivity, Principle, Reflection, Side

REMINDER_DAYS = 7  # the reminder goes this many days before the due date


class StepRefused(Exception):
    """The dialogue is not in a state where this step is possible."""


def _locked(dialogue: Dialogue) -> Dialogue:
    return Dialogue.objects.select_for_update().get(pk=dialogue.pk)


def own_reflections(dialogue: Dialogue, side: str) -> dict[str, Reflection]:
    """A side's reflections by principle (made empty where missing, not saved)."""
    found = {r.principle: r for r in dialogue.reflections.filter(side=side)}
    return {
        principle: found.get(principle)
        or Reflection(dialogue=dialogue, side=side, principle=principle)
        for principle in Principle.values
    }


def save_answers(dialogue: Dialogue, side: str, forms: dict, user, *, submit: bool) -> None:
    """Save a side's answers (valid forms by principle); ``submit`` closes them for this side
    and, when the other side has submitted too, opens both to both."""
    with transaction.atomic():
        current = _locked(dialogue)
        if current.state != Dialogue.State.OPEN or current.submitted_at(side):
            raise StepRefused
        now = timezone.now()
        for form in forms.values():
            reflection = form.save(commit=False)
            reflection.author = user
            if submit:
                reflection.submitted_at = now
            reflection.save()
        if not submit:
            return
        setattr(current, f"{side}_submitted_at", now)
        other = Side.ORGANISATION if side == Side.PARTNER else Side.PARTNER
        if current.submitted_at(other):
            current.state = Dialogue.State.SUBMITTED
        current.save()
        dialogue.__dict__.update(current.__dict__)
    if dialogue.state == Dialogue.State.SUBMITTED:
        for person in membership.people(dialogue.partnership):
            notifications.notify(person, kind="dialogue.both_submitted", target=dialogue)


def _record_changed(dialogue: Dialogue) -> None:
    """Any change to the joint record asks both sides to approve it again."""
    dialogue.state = Dialogue.State.JOINT
    dialogue.partner_approved_at = dialogue.organisation_approved_at = None
    dialogue.partner_approved_by = dialogue.organisation_approved_by = None


def save_joint_record(dialogue: Dialogue, form) -> None:
    with transaction.atomic():
        current = _locked(dialogue)
        if current.state not in (Dialogue.State.SUBMITTED, Dialogue.State.JOINT):
            raise StepRefused
        current.meeting_date = form.cleaned_data["meeting_date"]
        current.joint_summary = form.cleaned_data["joint_summary"]
        _record_changed(current)
        current.save()


def add_action(dialogue: Dialogue, form) -> JointAction:
    """An agreed action: part of the joint record before locking, of a new addendum after."""
    with transaction.atomic():
        current = _locked(dialogue)
        action = form.save(commit=False)
        action.dialogue = current
        if current.state == Dialogue.State.LOCKED:
            raise StepRefused  # after locking: add_addendum
        if current.state == Dialogue.State.OPEN:
            raise StepRefused
        _record_changed(current)
        current.save()
        action.save()
        return action


def approve(dialogue: Dialogue, side: str, user) -> Dialogue:
    """One side approves the joint record; when both have, the year is locked and the
    comments for the joint meeting are deleted."""
    with transaction.atomic():
        current = _locked(dialogue)
        if current.state not in (Dialogue.State.SUBMITTED, Dialogue.State.JOINT):
            raise StepRefused
        now = timezone.now()
        current.state = Dialogue.State.JOINT
        setattr(current, f"{side}_approved_at", now)
        setattr(current, f"{side}_approved_by", user)
        if current.partner_approved_at and current.organisation_approved_at:
            current.state = Dialogue.State.LOCKED
            current.locked_at = now
            current.reflections.exclude(joint_meeting_only="").update(joint_meeting_only="")
        current.save()
        return current


def add_addendum(dialogue: Dialogue, text: str, user, action_form=None) -> Addendum:
    """A dated change to a locked record, with an optional new agreed action."""
    with transaction.atomic():
        current = _locked(dialogue)
        if current.state != Dialogue.State.LOCKED:
            raise StepRefused
        addendum = Addendum.objects.create(dialogue=current, text=text, author=user)
        if action_form is not None:
            action = action_form.save(commit=False)
            action.dialogue = current
            action.addendum = addendum
            action.save()
        return addendum


# --- Reminders ------------------------------------------------------------------------------


def send_reminders(*, today=None) -> int:
    """Remind owners of agreed actions (of approved records) and plan activities that are due
    within REMINDER_DAYS and not done. Each row is claimed with a conditional update first:
    a second run, or a parallel one, sends nothing twice."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=REMINDER_DAYS)
    sent = 0
    due = [
        (
            JointAction.objects.filter(dialogue__state=Dialogue.State.LOCKED),
            "dialogue.action_due",
        ),
        (
            PlanActivity.objects.exclude(
                progress__in=[PlanActivity.Progress.DONE, PlanActivity.Progress.DROPPED]
            ),
            "dialogue.activity_due",
        ),
    ]
    for queryset, kind in due:
        rows = queryset.filter(
            Q(due_date__lte=horizon, due_date__gte=today),
            owner__isnull=False,
            done_at__isnull=True,
            reminded_at__isnull=True,
        ).select_related("owner")
        for row in rows:
            claimed = (
                type(row)
                .objects.filter(pk=row.pk, reminded_at__isnull=True)
                .update(reminded_at=timezone.now())
            )
            if claimed and notifications.notify(row.owner, kind=kind, target=row):
                sent += 1
    return sent
