"""Partnership spaces: a partnership whose partner organisation is the group member's, with a
locked dialogue (both sides' answers, the joint record, actions, an addendum), this year's open
dialogue (the group member's side's draft, and the other side's draft that nobody else may
read), the timeline, capacity assessment and development plan. Only the people of the space
see any of it: not editors, moderators or superusers. Reminders are mailed from ``change``:
they name no partnership and quote nothing."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from dialogue import services
from dialogue.factories import (
    DialogueFactory,
    JointActionFactory,
    PlanActivityFactory,
    ReflectionFactory,
    space,
)
from dialogue.models import Addendum, CapacityAssessment, Dialogue, Milestone, Principle, Side
from partners.factories import MembershipFactory

from .world import World

SLUG = "canary-space"


def _reflections(world: World, dialogue, side: str, level: str, author, submitted):
    for principle in Principle.values:
        ReflectionFactory(
            dialogue=dialogue,
            side=side,
            principle=principle,
            author=author,
            submitted_at=submitted,
            **{
                field: world.marker(level, f"dialogue.Reflection.{field} ({side} {principle})")
                for field in (
                    "went_well",
                    "did_not_go_well",
                    "proposed_actions",
                    "joint_meeting_only",
                )
            },
        )


def plant(world: World) -> None:
    partner = world.users["group_member"]
    staff = MembershipFactory(user__username="canary-programme-staff").user
    partnership = space(slug=SLUG, staff=[staff])
    partnership.organisations.set([partner.memberships.get().organisation])
    partnership.save()
    world.keep("space", partnership)
    now, soon = timezone.now(), timezone.localdate() + timedelta(days=2)

    locked = DialogueFactory(
        partnership=partnership,
        year=2025,
        state=Dialogue.State.LOCKED,
        joint_summary=world.marker("space", "dialogue.Dialogue.joint_summary"),
    )
    _reflections(world, locked, Side.PARTNER, "space", partner, now)
    _reflections(world, locked, Side.ORGANISATION, "space", staff, now)
    addendum = Addendum.objects.create(
        dialogue=locked, text=world.marker("space", "dialogue.Addendum.text"), author=staff
    )
    action = JointActionFactory(
        dialogue=locked,
        owner=partner,
        due_date=soon,
        description=world.marker("space", "dialogue.JointAction.description"),
        addendum=addendum,
    )
    world.keep("space_action", action)

    current = DialogueFactory(partnership=partnership, year=2026)
    _reflections(world, current, Side.PARTNER, "space", partner, None)
    _reflections(world, current, Side.ORGANISATION, "other_side", staff, None)

    Milestone.objects.create(
        partnership=partnership,
        date=soon,
        title=world.marker("space", "dialogue.Milestone.title"),
        description=world.marker("space", "dialogue.Milestone.description"),
    )
    for side in Side.values:
        CapacityAssessment.objects.create(
            partnership=partnership,
            year=2026,
            side=side,
            strengths=world.marker("space", f"dialogue.CapacityAssessment.strengths ({side})"),
            gaps=world.marker("space", f"dialogue.CapacityAssessment.gaps ({side})"),
        )
    PlanActivityFactory(
        partnership=partnership,
        year=2026,
        owner=partner,
        due_date=soon,
        title=world.marker("space", "dialogue.PlanActivity.title"),
        progress_note=world.marker("space", "dialogue.PlanActivity.progress_note"),
    )


def change(world: World) -> None:
    """The reminders go (to the group member): mail is checked from here on."""
    services.send_reminders()


def url_values(world: World) -> dict[str, list]:
    slug = {"slug": SLUG}
    years = [{"slug": SLUG, "year": 2025}, {"slug": SLUG, "year": 2026}]
    return {
        "dialogue:space": [slug],
        "dialogue:add_milestone": [slug],
        "dialogue:start_dialogue": [slug],
        "dialogue:plan": [slug],
        "dialogue:dialogue": years,
        "dialogue:joint_record": years,
        "dialogue:plan_change": [{"slug": SLUG, "year": 2026}],
        "dialogue:mark_done": [{"slug": SLUG, "pk": world.objects["space_action"].pk}],
    }


def extra_requests(world: World) -> list[tuple[str, str, dict]]:
    """The plan of the planted year, and a try to open a dialogue or add to the timeline."""
    return [
        ("get", f"/en/partnerships/{SLUG}/plan/", {"year": "2026"}),
        ("post", f"/en/partnerships/{SLUG}/dialogues/", {"year": "2026"}),
    ]
