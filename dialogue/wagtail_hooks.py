"""How the partnership spaces join the shared surfaces: notifications, the account page,
data export, account deletion and the demo. Nothing here reaches the home page, menus, feeds,
search or the sitemap: a space is its working group's alone."""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from home import hooks as home_hooks
from partners import access

from . import membership
from .models import (
    Addendum,
    CapacityAssessment,
    Dialogue,
    JointAction,
    Milestone,
    PlanActivity,
    Reflection,
)


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


@hooks.register(home_hooks.NOTIFICATION_KINDS)
def dialogue_notification_kinds():
    """Titles never name the partnership nor quote the space: a mail says what is due and
    when, and links to the space (the reader signs in to read it)."""
    from partners.notifications import NotificationKind

    return [
        NotificationKind(
            name="dialogue.both_submitted",
            verb=_("Both sides submitted their reflections for the dialogue of"),
            target="dialogue.Dialogue",
            title=lambda dialogue: str(dialogue.year),
            url=lambda dialogue: reverse(
                "dialogue:dialogue", args=[dialogue.partnership.slug, dialogue.year]
            ),
            select_related=("partnership",),
        ),
        NotificationKind(
            name="dialogue.action_due",
            verb=_("An agreed action you own is due on"),
            target="dialogue.JointAction",
            title=lambda action: _date(action.due_date),
            url=lambda action: reverse(
                "dialogue:dialogue",
                args=[action.dialogue.partnership.slug, action.dialogue.year],
            ),
            select_related=("dialogue__partnership",),
        ),
        NotificationKind(
            name="dialogue.activity_due",
            verb=_("A development plan activity you own is due on"),
            target="dialogue.PlanActivity",
            title=lambda activity: _date(activity.due_date),
            url=lambda activity: (
                reverse("dialogue:plan", args=[activity.partnership.slug])
                + f"?year={activity.year}"
            ),
            select_related=("partnership",),
        ),
    ]


@hooks.register(home_hooks.ACCOUNT_SECTIONS)
def follow_up_on_the_account_page(request):
    """The member's spaces, and the open actions and activities they own there."""
    user = request.user
    spaces = list(membership.spaces_of(user).order_by("name").prefetch_related("texts"))
    if not spaces:
        return None
    actions = access.visible(
        JointAction.objects.filter(owner=user, done_at__isnull=True), user, purpose=access.READ
    ).select_related("dialogue__partnership")
    activities = (
        access.visible(PlanActivity.objects.filter(owner=user), user, purpose=access.READ)
        .exclude(progress__in=[PlanActivity.Progress.DONE, PlanActivity.Progress.DROPPED])
        .select_related("partnership")
    )
    return home_hooks.AccountSection(
        anchor="partnerships",
        title=_("Partnership spaces"),
        template="dialogue/includes/account.html",
        context={
            "spaces": spaces,
            "actions": list(actions.order_by("due_date")),
            "activities": list(activities.order_by("due_date")),
        },
        order=10,
    )


@hooks.register(home_hooks.DATA_EXPORT)
def dialogue_data(user):
    """A member's own answers and what they wrote or own in the spaces."""

    def iso(value):
        return value.isoformat() if value else None

    reflections = Reflection.objects.filter(author=user).select_related("dialogue__partnership")
    return "dialogue", {
        "reflections": [
            {
                "partnership": r.dialogue.partnership.name,
                "year": r.dialogue.year,
                "side": r.side,
                "principle": r.principle,
                "went_well": r.went_well,
                "did_not_go_well": r.did_not_go_well,
                "rating": r.rating,
                "proposed_actions": r.proposed_actions,
                "for_the_joint_meeting_only": r.joint_meeting_only,
                "submitted_at": iso(r.submitted_at),
            }
            for r in reflections
        ],
        "agreed_actions_owned": [
            {
                "partnership": a.dialogue.partnership.name,
                "year": a.dialogue.year,
                "description": a.description,
                "due_date": iso(a.due_date),
                "done_at": iso(a.done_at),
            }
            for a in JointAction.objects.filter(owner=user).select_related("dialogue__partnership")
        ],
        "plan_activities_owned": [
            {
                "partnership": a.partnership.name,
                "year": a.year,
                "title": a.title,
                "due_date": iso(a.due_date),
                "progress": a.progress,
            }
            for a in PlanActivity.objects.filter(owner=user).select_related("partnership")
        ],
        "addenda": [
            {"year": a.dialogue.year, "text": a.text, "created_at": iso(a.created_at)}
            for a in Addendum.objects.filter(author=user).select_related("dialogue")
        ],
    }


@hooks.register(home_hooks.ACCOUNT_DELETION)
def forget_the_member(user) -> None:
    """A deleted member's drafts (answers their side has not submitted) go. What their side
    submitted and the joint record belong to the partnership: they stay, no longer linked to
    the person; actions and activities they owned stay, without an owner."""
    Reflection.objects.filter(author=user, submitted_at__isnull=True).delete()
    Reflection.objects.filter(author=user).update(author=None)
    for model in (Addendum, CapacityAssessment, Milestone):
        model.objects.filter(author=user).update(author=None)
    JointAction.objects.filter(owner=user).update(owner=None)
    PlanActivity.objects.filter(owner=user).update(owner=None)
    Dialogue.objects.filter(partner_approved_by=user).update(partner_approved_by=None)
    Dialogue.objects.filter(organisation_approved_by=user).update(organisation_approved_by=None)


@hooks.register(home_hooks.DEMO_CONTENT)
def load_demo_content(command):
    from . import demo

    demo.load(command)
