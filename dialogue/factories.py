import factory

from partners.factories import MembershipFactory, OrganisationFactory, PartnershipFactory

from .models import Dialogue, JointAction, PlanActivity, Principle, Reflection, Side


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

    year = 2026


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reflection

    side = Side.PARTNER
    principle = Principle.MUTUALITY_RESPECT
    went_well = factory.Sequence(lambda n: f"Went well {n}")
    rating = 3


class JointActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JointAction

    description = factory.Sequence(lambda n: f"Agreed action {n}")


class PlanActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanActivity

    year = 2026
    title = factory.Sequence(lambda n: f"Plan activity {n}")
