"""The working group holds exactly the people of the space, and follows every change."""

from dialogue import membership
from partners.factories import MembershipFactory
from partners.models import Membership, Partnership


def _group(partnership):
    return set(partnership.working_group.user_set.values_list("username", flat=True))


def test_working_group_is_partner_members_and_staff(partnership):
    assert _group(partnership) == {"partner", "programme"}


def test_joining_and_leaving_a_partner_organisation(partnership):
    organisation = partnership.organisations.get()
    newcomer = MembershipFactory(organisation=organisation, user__username="newcomer")
    assert "newcomer" in _group(partnership)
    newcomer.delete()
    assert "newcomer" not in _group(partnership)


def test_staff_removed_leaves_the_group(partnership, programme_staff):
    partnership.staff.remove(programme_staff)
    partnership.save()
    assert _group(partnership) == {"partner"}


def test_hand_added_people_are_removed_at_the_next_change(partnership, member):
    partnership.working_group.user_set.add(member)
    partnership.save()
    assert "member" not in _group(Partnership.objects.get(pk=partnership.pk))


def test_sides(partnership, partner, programme_staff, member):
    def side(user):
        return membership.side_of(
            membership.with_side(Partnership.objects.all(), user).get(pk=partnership.pk)
        )

    assert side(partner) == "partner"
    assert side(programme_staff) == "organisation"
    assert side(member) is None
    # Staff who also belong to a partner organisation answer for the organisation.
    Membership.objects.create(user=programme_staff, organisation=partnership.organisations.get())
    assert side(programme_staff) == "organisation"
