import factory

from partners.factories import MembershipFactory, OrganisationFactory, PartnershipFactory

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


def space(*, slug="coast", staff=(), partners=()):
    """A partnership with one partner organisation; ``staff`` join its staff and ``partners``
    (usernames) become members of the partner organisation. Returns the partnership."""
    organisation = OrganisationFactory()
    partnership = PartnershipFactory(slug=slug, organisations=[organisation])
    partnership.save()  # ParentalManyToManyField: links are written on save
    for username in partners:
        MembershipFactory(organisation=organisation, user__username=username)
    if staff:
        partnership.staff.add(*staff)
        partnership.save()
    return partnership


class DialogueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dialogue

    partnership = factory.SubFactory(PartnershipFactory)
    year = 2026


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reflection

    # Built on its own, a reflection belongs to a year both sides submitted: the shared record.
    dialogue = factory.SubFactory(DialogueFactory, state=Dialogue.State.SUBMITTED)
    side = Side.PARTNER
    principle = Principle.MUTUALITY_RESPECT
    went_well = factory.Sequence(lambda n: f"Went well {n}")
    rating = 3


class JointActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JointAction

    dialogue = factory.SubFactory(DialogueFactory)
    due_date = "2027-01-15"
    description = factory.Sequence(lambda n: f"Agreed action {n}")


class PlanActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanActivity

    partnership = factory.SubFactory(PartnershipFactory)
    due_date = "2027-01-15"
    year = 2026
    title = factory.Sequence(lambda n: f"Plan activity {n}")


class AddendumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Addendum

    dialogue = factory.SubFactory(DialogueFactory, state=Dialogue.State.LOCKED)
    text = factory.Sequence(lambda n: f"Addendum {n}")


class CapacityAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CapacityAssessment

    partnership = factory.SubFactory(PartnershipFactory)
    year = 2026
    side = Side.PARTNER
    strengths = factory.Sequence(lambda n: f"Strengths {n}")


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    partnership = factory.SubFactory(PartnershipFactory)
    date = "2026-03-01"
    title = factory.Sequence(lambda n: f"Milestone {n}")
