"""Demo partnership spaces: a strategic partnership with two years of dialogues (last year's
locked with an addendum, this year's half answered), and a pilot being phased out whose
dialogue both sides have submitted. Safe to run twice."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from partners.demo import demo_user
from partners.models import Membership, Organisation, Partnership, Profile

from .models import (
    Addendum,
    CapacityAssessment,
    Dialogue,
    JointAction,
    Milestone,
    PlanActivity,
    Principle,
    Reflection,
    Side,
)

P = Principle
# principle: (went well, did not go well, rating, proposed actions)
ANSWERS = {
    ("east-africa-rehabilitation", Side.PARTNER): {
        P.MUTUALITY_RESPECT: (
            "Decisions on the legal aid clinic were taken together, in Nairobi.",
            "Reporting templates still arrive from headquarters without discussion.",
            3,
            "Agree the reporting template together before the next cycle.",
        ),
        P.EQUALITY_NON_DISCRIMINATION: (
            "Survivors from refugee settlements now reach the clinic.",
            "Women survivors in rural areas are still under-served.",
            2,
            "A mobile clinic day per month in two rural districts.",
        ),
        P.ACCOUNTABILITY_TRANSPARENCY: (
            "Budgets are shared in full each quarter.",
            "Late transfers in March delayed salaries.",
            3,
            "Transfers two weeks before the quarter starts.",
        ),
        P.PARTICIPATION_EMPOWERMENT: (
            "A survivors' advisory group meets every two months.",
            "The advisory group has no say on the budget yet.",
            2,
            "Invite two advisory group members to the budget review.",
        ),
    },
    ("east-africa-rehabilitation", Side.ORGANISATION): {
        P.MUTUALITY_RESPECT: (
            "Joint planning week in Kampala.",
            "We changed a deadline without asking.",
            3,
            "No deadline change without a call with the partner.",
        ),
        P.EQUALITY_NON_DISCRIMINATION: (
            "Interpretation in Swahili and Luganda at every meeting.",
            "Our own staff team for the region is all from headquarters.",
            2,
            "Recruit the next programme officer in the region.",
        ),
        P.ACCOUNTABILITY_TRANSPARENCY: (
            "Partner audit report shared with the board.",
            "We did not explain the funding cut in time.",
            2,
            "Share funding outlooks every six months.",
        ),
        P.PARTICIPATION_EMPOWERMENT: (
            "Partner staff led the regional training.",
            "Few partner voices in our annual report.",
            3,
            "Partner co-writes the regional chapter.",
        ),
    },
    ("caucasus-prison-reform", Side.PARTNER): {
        P.MUTUALITY_RESPECT: ("Open exchange on research methods.", "", 4, ""),
        P.EQUALITY_NON_DISCRIMINATION: (
            "Interviews included women's prisons.",
            "No interviews in the prison for minors.",
            3,
            "Ask for access to the minors' facility before the end.",
        ),
        P.ACCOUNTABILITY_TRANSPARENCY: ("Data shared under a clear agreement.", "", 3, ""),
        P.PARTICIPATION_EMPOWERMENT: (
            "Former detainees reviewed the findings.",
            "The phase-out plan came late to the team.",
            2,
            "Agree the handover plan with the whole team.",
        ),
    },
    ("caucasus-prison-reform", Side.ORGANISATION): {
        P.MUTUALITY_RESPECT: ("The partner set the research questions.", "", 4, ""),
        P.EQUALITY_NON_DISCRIMINATION: ("Findings published in Georgian first.", "", 3, ""),
        P.ACCOUNTABILITY_TRANSPARENCY: (
            "Final budget report on time.",
            "Our exit timing was decided before the dialogue.",
            2,
            "Explain the exit decision in the joint meeting.",
        ),
        P.PARTICIPATION_EMPOWERMENT: (
            "Partner presented the proposal to parliament's committee.",
            "",
            3,
            "",
        ),
    },
}


def _at(day: date):
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10))


def _answers(dialogue, side, author, submitted_at, *, meeting_note=""):
    for principle, (well, not_well, rating, actions) in ANSWERS[
        (dialogue.partnership.slug, side)
    ].items():
        Reflection.objects.get_or_create(
            dialogue=dialogue,
            side=side,
            principle=principle,
            defaults={
                "went_well": well,
                "did_not_go_well": not_well,
                "rating": rating,
                "proposed_actions": actions,
                "author": author,
                "submitted_at": submitted_at,
                "joint_meeting_only": meeting_note if principle == P.MUTUALITY_RESPECT else "",
            },
        )


def _people(command):
    staff = demo_user(command, "programme@gpe.example", display="(programme staff)", staff=True)
    Profile.objects.filter(user=staff, display_name__startswith="partner-").update(
        display_name="Heron"
    )
    levan = demo_user(command, "levan@gpe.example", display="(member of CPRI)")
    Membership.objects.get_or_create(
        user=levan, organisation=Organisation.objects.get(short_name="CPRI")
    )
    Profile.objects.filter(user=levan, display_name__startswith="partner-").update(
        display_name="Kartli"
    )
    return staff, levan


def load(command):
    partnerships = {
        p.slug: p
        for p in Partnership.objects.filter(
            slug__in=["east-africa-rehabilitation", "caucasus-prison-reform"]
        )
    }
    if len(partnerships) < 2:
        return
    staff, levan = _people(command)
    member = Membership.objects.filter(
        organisation__short_name="CRR", role=Membership.Role.ADMIN
    ).first()
    partner = member.user if member else staff
    east, caucasus = (
        partnerships["east-africa-rehabilitation"],
        partnerships["caucasus-prison-reform"],
    )
    for partnership in (east, caucasus):
        partnership.staff.add(staff)
        partnership.save()  # a ParentalManyToManyField writes its links on save
    this_year = timezone.localdate().year
    _strategic(command, east, partner, staff, this_year)
    _pilot(command, caucasus, levan, staff, this_year)


def _strategic(command, partnership, partner, staff, this_year):
    last, created = Dialogue.objects.get_or_create(partnership=partnership, year=this_year - 1)
    if created:
        submitted = _at(date(this_year - 1, 10, 20))
        _answers(last, Side.PARTNER, partner, submitted)
        _answers(last, Side.ORGANISATION, staff, submitted + timedelta(days=3))
        meeting = date(this_year - 1, 11, 12)
        Dialogue.objects.filter(pk=last.pk).update(
            state=Dialogue.State.LOCKED,
            meeting_date=meeting,
            partner_submitted_at=submitted,
            organisation_submitted_at=submitted + timedelta(days=3),
            joint_summary="We agreed that reporting and funding decisions are the weakest "
            "points on both sides, and that survivors should have a voice on the budget.",
            partner_approved_at=_at(meeting + timedelta(days=5)),
            partner_approved_by=partner,
            organisation_approved_at=_at(meeting + timedelta(days=6)),
            organisation_approved_by=staff,
            locked_at=_at(meeting + timedelta(days=6)),
        )
        for description, principle, owner, due in [
            ("Agree the reporting template together", P.MUTUALITY_RESPECT, partner, (2, 28)),
            (
                "Transfers two weeks before each quarter",
                P.ACCOUNTABILITY_TRANSPARENCY,
                staff,
                (3, 15),
            ),
            (
                "Two advisory group members join the budget review",
                P.PARTICIPATION_EMPOWERMENT,
                partner,
                (6, 30),
            ),
        ]:
            JointAction.objects.create(
                dialogue=last,
                description=description,
                principle=principle,
                owner=owner,
                due_date=date(this_year, *due),
                done_at=_at(date(this_year, *due)) if due[0] < 6 else None,
            )
        addendum = Addendum.objects.create(
            dialogue=last,
            text="The mobile clinic needs a second vehicle: added as an action after the "
            "mid-year call.",
            author=staff,
        )
        JointAction.objects.create(
            dialogue=last,
            addendum=addendum,
            description="Find funding for a second clinic vehicle",
            principle=P.EQUALITY_NON_DISCRIMINATION,
            owner=staff,
            due_date=timezone.localdate() + timedelta(days=5),
        )
        command.created(f"Dialogue {last} (locked, with an addendum)")
    current, created = Dialogue.objects.get_or_create(partnership=partnership, year=this_year)
    if created:
        # The partner side submitted; the organisation's side is still a draft.
        submitted = timezone.now() - timedelta(days=2)
        _answers(
            current,
            Side.PARTNER,
            partner,
            submitted,
            meeting_note="We want to raise the tone of the March emails in person.",
        )
        Dialogue.objects.filter(pk=current.pk).update(partner_submitted_at=submitted)
        Reflection.objects.get_or_create(
            dialogue=current,
            side=Side.ORGANISATION,
            principle=P.MUTUALITY_RESPECT,
            defaults={"went_well": "Draft: the planning week.", "author": staff},
        )
        command.created(f"Dialogue {current} (partner side submitted)")
    for side, strengths, gaps in [
        (Side.PARTNER, "Trusted by survivors; strong legal team.", "Fundraising; data protection."),
        (
            Side.ORGANISATION,
            "Funding access; forensic expertise.",
            "Slow decisions; no staff in the region.",
        ),
    ]:
        CapacityAssessment.objects.get_or_create(
            partnership=partnership,
            year=this_year,
            side=side,
            defaults={"strengths": strengths, "gaps": gaps, "author": staff},
        )
    if not partnership.plan_activities.exists():
        today = timezone.localdate()
        for title, owner, due, progress in [
            (
                "Data protection training for the clinic",
                partner,
                today + timedelta(days=6),
                PlanActivity.Progress.UNDER_WAY,
            ),
            (
                "Local funder mapping",
                partner,
                today + timedelta(days=60),
                PlanActivity.Progress.PLANNED,
            ),
            (
                "Regional programme officer recruited",
                staff,
                today - timedelta(days=30),
                PlanActivity.Progress.DONE,
            ),
        ]:
            PlanActivity.objects.create(
                partnership=partnership,
                year=this_year,
                title=title,
                owner=owner,
                due_date=due,
                progress=progress,
            )
    for day, kind, title in [
        (date(2021, 3, 1), Milestone.Kind.AGREEMENT, "Partnership agreement signed"),
        (date(2023, 6, 1), Milestone.Kind.MILESTONE, "Legal aid clinic opened in Gulu"),
    ]:
        Milestone.objects.get_or_create(
            partnership=partnership, title=title, defaults={"date": day, "kind": kind}
        )


def _pilot(command, partnership, levan, staff, this_year):
    current, created = Dialogue.objects.get_or_create(partnership=partnership, year=this_year)
    if created:
        submitted = timezone.now() - timedelta(days=10)
        _answers(
            current,
            Side.PARTNER,
            levan,
            submitted,
            meeting_note="Funding for the follow-up study: can we talk about it off the record?",
        )
        _answers(current, Side.ORGANISATION, staff, submitted + timedelta(days=1))
        Dialogue.objects.filter(pk=current.pk).update(
            state=Dialogue.State.SUBMITTED,
            partner_submitted_at=submitted,
            organisation_submitted_at=submitted + timedelta(days=1),
        )
        command.created(f"Dialogue {current} (both sides submitted, phasing out)")
    for day, kind, title in [
        (date(2023, 5, 1), Milestone.Kind.AGREEMENT, "Pilot agreement signed"),
        (
            date(this_year, 3, 1),
            Milestone.Kind.MILESTONE,
            "Phase-out agreed: reform proposal ready",
        ),
    ]:
        Milestone.objects.get_or_create(
            partnership=partnership, title=title, defaults={"date": day, "kind": kind}
        )
