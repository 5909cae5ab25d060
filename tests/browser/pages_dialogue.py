"""The partnership space's main pages for the shared browser checks (tests/browser/pages.py),
opened by the member, who is on the partner side: the space, a locked dialogue with both
sides side by side (the screenshot the issue asks for), this year's answering form, and the
capacity and development plan."""

from datetime import UTC, date, datetime

from .pages import MAIN_PAGES, MainPage, World

SLUG = "coast"

ANSWERS = {
    "partner": (
        "Decisions on the clinic were taken together; survivors' group meets monthly.",
        "Reporting templates still arrive without discussion.",
        3,
        "Agree the template together.",
    ),
    "organisation": (
        "Joint planning week; interpretation at every meeting.",
        "We changed a deadline without asking — لم نستشر الشريك.",
        2,
        "No deadline change without a call.",
    ),
}


def _space(world: World):
    if "space" in world.made:
        return world.made["space"]
    from dialogue.factories import (
        DialogueFactory,
        JointActionFactory,
        PlanActivityFactory,
        ReflectionFactory,
        space,
    )
    from dialogue.models import Addendum, CapacityAssessment, Dialogue, Milestone, Principle
    from partners.factories import MembershipFactory
    from partners.models import PartnershipText

    staff = MembershipFactory(user__username="programme-staff").user
    staff.profile.display_name = "Heron"
    staff.profile.save()
    partnership = space(slug=SLUG, staff=[staff])
    partnership.name = "East Africa rehabilitation and legal aid"
    partnership.shared_goals = "Holistic rehabilitation for survivors and free legal aid."
    partnership.exit_criteria = "Two local funders secured; the clinic runs without our staff."
    partnership.organisations.set([world.member.memberships.get().organisation])
    partnership.save()
    PartnershipText.objects.create(
        partnership=partnership,
        language_code="ar",
        name="إعادة التأهيل والمساعدة القانونية في شرق أفريقيا",
        shared_goals="إعادة تأهيل شاملة للناجين ومساعدة قانونية مجانية.",
    )
    locked = DialogueFactory(
        partnership=partnership,
        year=2025,
        state=Dialogue.State.LOCKED,
        meeting_date=date(2025, 11, 12),
        joint_summary="Reporting and funding decisions are the weakest points on both sides.",
        **{
            f"{side}_{step}_at": datetime(2025, 11, day, tzinfo=UTC)
            for side in ANSWERS
            for step, day in (("submitted", 1), ("approved", 20))
        },
        locked_at=datetime(2025, 11, 20, tzinfo=UTC),
    )
    for side, (well, not_well, rating, actions) in ANSWERS.items():
        author = world.member if side == "partner" else staff
        for principle in Principle.values:
            ReflectionFactory(
                dialogue=locked,
                side=side,
                principle=principle,
                went_well=well,
                did_not_go_well=not_well,
                rating=rating,
                proposed_actions=actions,
                author=author,
            )
    addendum = Addendum.objects.create(dialogue=locked, text="A second vehicle.", author=staff)
    JointActionFactory(dialogue=locked, owner=world.member, due_date=date(2026, 2, 28))
    JointActionFactory(dialogue=locked, owner=staff, due_date=date(2026, 9, 1), addendum=addendum)
    DialogueFactory(partnership=partnership, year=2026)
    Milestone.objects.create(
        partnership=partnership, date=date(2021, 3, 1), kind="agreement", title="Agreement signed"
    )
    for side in ANSWERS:
        CapacityAssessment.objects.create(
            partnership=partnership, year=2026, side=side, strengths="Trusted.", gaps="Funding."
        )
    PlanActivityFactory(
        partnership=partnership, year=2026, owner=world.member, due_date=date(2026, 12, 20)
    )
    world.made["space"] = partnership
    return partnership


MAIN_PAGES.extend(
    [
        MainPage(
            "partnership space",
            lambda world: _space(world) and f"/{{lang}}/partnerships/{SLUG}/",
            signed_in=True,
            screenshot="partnership-space",
        ),
        MainPage(
            "dialogue side by side",
            lambda world: _space(world) and f"/{{lang}}/partnerships/{SLUG}/dialogues/2025/",
            signed_in=True,
            screenshot="dialogue-side-by-side",
        ),
        MainPage(
            "dialogue answering",
            lambda world: _space(world) and f"/{{lang}}/partnerships/{SLUG}/dialogues/2026/",
            signed_in=True,
            screenshot="dialogue-answering",
        ),
        MainPage(
            "capacity and development plan",
            lambda world: _space(world) and f"/{{lang}}/partnerships/{SLUG}/plan/?year=2026",
            signed_in=True,
            screenshot="partnership-plan",
        ),
    ]
)
