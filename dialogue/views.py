"""The partnership space's pages. Everyone outside the space gets a 404 on every one of them
(whatever their role): ``_space`` is the one door."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partners import access
from partners.models import Partnership

from . import membership, services
from .forms import (
    AddendumForm,
    CapacityForm,
    JointActionForm,
    JointRecordForm,
    MilestoneForm,
    PlanActivityForm,
    ProgressForm,
    ReflectionForm,
    YearForm,
)
from .models import (
    CapacityAssessment,
    Dialogue,
    JointAction,
    PlanActivity,
    Principle,
    Reflection,
    Side,
)


def _space(request, slug) -> Partnership:
    """The partnership, for people in its space only (404 for everyone else), annotated with
    the reader's side. Queries: the partnership with the side (1), its translations and
    organisations (2), the reader's groups (1, remembered on the user)."""
    queryset = membership.with_side(
        Partnership.objects.prefetch_related("texts", "organisations"), request.user
    )
    partnership = get_object_or_404(queryset, slug=slug)
    if not membership.in_space(request.user, partnership):
        raise Http404
    partnership.side = membership.side_of(partnership)
    return partnership


def _dialogue(partnership, year) -> Dialogue:
    dialogue = get_object_or_404(Dialogue, partnership=partnership, year=year)
    dialogue.partnership = partnership
    return dialogue


def _people(partnership):
    return (
        membership.people(partnership).select_related("profile").order_by("profile__display_name")
    )


def space(request, slug):
    partnership = _space(request, slug)
    partnership.shared_goals_text = partnership.text("shared_goals")
    partnership.exit_criteria_text = partnership.text("exit_criteria")
    dialogues = list(partnership.dialogues.all())
    entries = list(partnership.milestones.select_related("document__collection"))
    for entry in entries:
        # The document is linked only where its collection lets the reader open it.
        entry.readable_document = entry.document and access.can_view(
            request.user, entry.document, purpose=access.READ
        )
    timeline = sorted(
        [{"date": e.date, "entry": e} for e in entries]
        + [
            {"date": d.locked_at.date() if d.locked_at else None, "dialogue": d}
            for d in dialogues
            if d.locked_at
        ],
        key=lambda item: item["date"],
        reverse=True,
    )
    return render(
        request,
        "dialogue/space.html",
        {
            "partnership": partnership,
            "dialogues": dialogues,
            "timeline": timeline,
            "milestone_form": MilestoneForm(
                documents=membership.documents(partnership, request.user)
            ),
            "year_form": YearForm(initial={"year": timezone.localdate().year}),
        },
    )


@require_POST
def add_milestone(request, slug):
    partnership = _space(request, slug)
    form = MilestoneForm(request.POST, documents=membership.documents(partnership, request.user))
    if form.is_valid():
        entry = form.save(commit=False)
        entry.partnership, entry.author = partnership, request.user
        entry.save()
        messages.success(request, _("The entry was added to the timeline."))
    else:
        messages.error(request, _("The entry needs a date and a title."))
    return redirect("dialogue:space", slug=slug)


@require_POST
def start_dialogue(request, slug):
    partnership = _space(request, slug)
    form = YearForm(request.POST)
    if not form.is_valid() or partnership.side is None:
        raise Http404
    year = form.cleaned_data["year"]
    try:
        with transaction.atomic():
            Dialogue.objects.create(partnership=partnership, year=year)
    except IntegrityError:
        pass  # that year's dialogue exists: open it
    return redirect("dialogue:dialogue", slug=slug, year=year)


def _forms(request, dialogue, side, data=None):
    reflections = services.own_reflections(dialogue, side)
    return {
        principle: ReflectionForm(data, instance=reflection, prefix=principle)
        for principle, reflection in reflections.items()
    }


def dialogue_page(request, slug, year):
    partnership = _space(request, slug)
    dialogue = _dialogue(partnership, year)
    side = partnership.side
    forms = None
    if request.method == "POST":
        if side is None or "submit" not in request.POST and "save" not in request.POST:
            raise Http404
        forms = _forms(request, dialogue, side, request.POST)
        submit = "submit" in request.POST
        if all(form.is_valid() for form in forms.values()):
            missing = [p for p, f in forms.items() if submit and not f.cleaned_data["rating"]]
            for principle in missing:
                forms[principle].add_error("rating", _("Choose a rating before you submit."))
            if not missing:
                try:
                    services.save_answers(dialogue, side, forms, request.user, submit=submit)
                except services.StepRefused:
                    messages.error(request, _("Your side's answers are closed already."))
                else:
                    messages.success(
                        request,
                        _("Your side's answers were submitted.")
                        if submit
                        else _("Your side's draft was saved."),
                    )
                return redirect("dialogue:dialogue", slug=slug, year=year)
    return render(request, "dialogue/dialogue.html", _dialogue_context(request, dialogue, forms))


def _dialogue_context(request, dialogue, forms=None):
    partnership, side = dialogue.partnership, dialogue.partnership.side
    context = {"partnership": partnership, "dialogue": dialogue, "side": side, "Side": Side}
    context["sides"] = [
        {
            "value": value,
            "label": label,
            "submitted_at": dialogue.submitted_at(value),
            "approved_at": dialogue.approved_at(value),
        }
        for value, label in Side.choices
    ]
    if dialogue.both_submitted:
        # Both sides submitted: the registry lets everyone in the space read both.
        shared = access.visible(
            Reflection.objects.filter(dialogue=dialogue), request.user, purpose=access.READ
        )
        by_key = {(r.principle, r.side): r for r in shared}
        context["side_by_side"] = [
            {
                "principle": label,
                "partner": by_key.get((value, Side.PARTNER)),
                "organisation": by_key.get((value, Side.ORGANISATION)),
            }
            for value, label in Principle.choices
        ]
        context["actions"] = list(
            dialogue.actions.select_related("owner__profile", "addendum").order_by("due_date", "pk")
        )
        context["addenda"] = list(dialogue.addenda.select_related("author__profile"))
        if side is not None and not dialogue.is_locked:
            context["record_form"] = JointRecordForm(instance=dialogue)
            context["action_form"] = JointActionForm(people=_people(partnership))
        if side is not None and dialogue.is_locked:
            context["addendum_form"] = AddendumForm()
            context["action_form"] = JointActionForm(people=_people(partnership))
    elif side is not None:
        # Before both submitted: the reader's own side only, never the other's.
        if dialogue.submitted_at(side):
            context["own"] = [
                (Principle(p).label, r) for p, r in services.own_reflections(dialogue, side).items()
            ]
        else:
            forms = forms or _forms(request, dialogue, side)
            context["forms"] = [(Principle(p).label, form) for p, form in forms.items()]
    return context


@require_POST
def joint_record(request, slug, year):
    partnership = _space(request, slug)
    dialogue = _dialogue(partnership, year)
    if partnership.side is None:
        raise Http404
    action = request.POST.get("action")
    try:
        if action == "record":
            form = JointRecordForm(request.POST, instance=Dialogue(pk=dialogue.pk))
            if form.is_valid():
                services.save_joint_record(dialogue, form)
                messages.success(
                    request, _("The joint record was saved. Both sides approve it again.")
                )
        elif action == "add-action":
            form = JointActionForm(request.POST, people=_people(partnership))
            if form.is_valid():
                services.add_action(dialogue, form)
                messages.success(request, _("The agreed action was added."))
            else:
                messages.error(
                    request, _("An agreed action needs a description, an owner and a due date.")
                )
        elif action == "approve":
            dialogue = services.approve(dialogue, partnership.side, request.user)
            messages.success(
                request,
                _("Both sides approved: this year's dialogue is locked.")
                if dialogue.is_locked
                else _("Your side approved the joint record."),
            )
        elif action == "addendum":
            form = AddendumForm(request.POST)
            action_form = JointActionForm(request.POST, people=_people(partnership))
            with_action = bool(request.POST.get("description"))
            if form.is_valid() and (not with_action or action_form.is_valid()):
                services.add_addendum(
                    dialogue,
                    form.cleaned_data["text"],
                    request.user,
                    action_form if with_action else None,
                )
                messages.success(request, _("The addendum was added."))
            else:
                messages.error(
                    request, _("An addendum needs a text; an action needs an owner and a due date.")
                )
        else:
            raise Http404
    except services.StepRefused:
        messages.error(request, _("This step is not possible at this stage of the dialogue."))
    return redirect("dialogue:dialogue", slug=slug, year=year)


@require_POST
def mark_done(request, slug, pk):
    partnership = _space(request, slug)
    action = get_object_or_404(JointAction, pk=pk, dialogue__partnership=partnership)
    JointAction.objects.filter(pk=action.pk, done_at__isnull=True).update(done_at=timezone.now())
    messages.success(request, _("The action is marked done."))
    return redirect("dialogue:dialogue", slug=slug, year=action.dialogue.year)


def plan(request, slug):
    partnership = _space(request, slug)
    year = timezone.localdate().year
    if request.GET.get("year", "").isdigit():
        year = int(request.GET["year"])
    assessments = {a.side: a for a in partnership.capacity_assessments.filter(year=year)}
    activities = list(
        partnership.plan_activities.filter(year=year).select_related("owner__profile")
    )
    for activity in activities:
        activity.progress_form = ProgressForm(instance=activity, prefix=f"a{activity.pk}")
    return render(
        request,
        "dialogue/plan.html",
        {
            "partnership": partnership,
            "year": year,
            "capacity": [
                {
                    "side": value,
                    "label": label,
                    "form": CapacityForm(instance=assessments.get(value), prefix=value),
                    "assessment": assessments.get(value),
                }
                for value, label in Side.choices
            ],
            "activities": activities,
            "activity_form": PlanActivityForm(people=_people(partnership)),
        },
    )


@require_POST
def plan_change(request, slug, year):
    partnership = _space(request, slug)
    if partnership.side is None:
        raise Http404
    action = request.POST.get("action")
    if action == "capacity":
        side = request.POST.get("side")
        if side not in Side.values:
            raise Http404
        assessment = CapacityAssessment.objects.filter(
            partnership=partnership, year=year, side=side
        ).first() or CapacityAssessment(partnership=partnership, year=year, side=side)
        form = CapacityForm(request.POST, instance=assessment, prefix=side)
        if form.is_valid():
            assessment = form.save(commit=False)
            assessment.author = request.user
            assessment.save()
            messages.success(request, _("The capacity assessment was saved."))
    elif action == "activity":
        form = PlanActivityForm(request.POST, people=_people(partnership))
        if form.is_valid():
            activity = form.save(commit=False)
            activity.partnership, activity.year = partnership, year
            activity.save()
            messages.success(request, _("The activity was added to the plan."))
        else:
            messages.error(request, _("An activity needs a title, an owner and a due date."))
    elif action == "progress":
        activity = get_object_or_404(
            PlanActivity, pk=request.POST.get("activity"), partnership=partnership
        )
        form = ProgressForm(request.POST, instance=activity, prefix=f"a{activity.pk}")
        if form.is_valid():
            activity = form.save(commit=False)
            if activity.progress == PlanActivity.Progress.DONE and not activity.done_at:
                activity.done_at = timezone.now()
            activity.save()
            messages.success(request, _("The progress was saved."))
    else:
        raise Http404
    return redirect(f"{_plan_url(slug)}?year={year}")


def _plan_url(slug):
    return reverse("dialogue:plan", kwargs={"slug": slug})
