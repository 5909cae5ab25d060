"""partners.access for models with an audience (AudienceMixin), every role against every
audience, using the forum's Category as the concrete model."""

import pytest
from django.contrib.auth.models import Group

from forum.models import Category
from partners import access
from partners.models import Audience
from tests.partners.test_access import ROLES, deactivated_member, removed_member  # noqa: F401

pytestmark = pytest.mark.django_db

# Which categories each role may see.
SEES = {
    "anonymous": {"public"},
    "non_member": {"public"},
    "member": {"public", "members"},
    "group_member": {"public", "members", "working-group"},
    "removed_member": {"public"},
    "deactivated_member": {"public"},
    "editor": {"public", "members"},
    "moderator": {"public", "members", "working-group", "other-group", "no-group"},
    "superuser": {"public", "members", "working-group", "other-group", "no-group"},
}


@pytest.fixture
def categories(working_group):
    other = Group.objects.create(name="Another working group")
    made = {
        "public": Category.objects.create(name="Public", slug="public", audience=Audience.PUBLIC),
        "members": Category.objects.create(
            name="Members", slug="members", audience=Audience.MEMBERS
        ),
        "working-group": Category.objects.create(
            name="Working group", slug="working-group", audience=Audience.GROUPS
        ),
        "other-group": Category.objects.create(
            name="Other group", slug="other-group", audience=Audience.GROUPS
        ),
        # A groups audience with no group chosen is nobody's (but moderators').
        "no-group": Category.objects.create(
            name="No group", slug="no-group", audience=Audience.GROUPS
        ),
    }
    made["working-group"].groups.add(working_group)
    # In two groups at once: must still come back once.
    made["other-group"].groups.add(other)
    made["working-group"].groups.add(other)
    return made


@pytest.mark.parametrize("role", ROLES)
def test_visible_per_role(request, role, categories):
    user = request.getfixturevalue(role)

    slugs = list(access.visible(Category.objects.all(), user).values_list("slug", flat=True))

    assert set(slugs) == SEES[role]
    assert len(slugs) == len(set(slugs))  # no duplicates from the groups join


@pytest.mark.parametrize("role", ROLES)
def test_audience_filter_per_role(request, role, categories):
    user = request.getfixturevalue(role)

    q = access.audience_filter(Category, user)

    assert set(Category.objects.filter(q).values_list("slug", flat=True)) == SEES[role]


@pytest.mark.parametrize("role", ROLES)
def test_can_see_audience_and_can_view_per_role(request, role, categories):
    user = request.getfixturevalue(role)

    for slug, category in categories.items():
        expected = slug in SEES[role]
        assert access.can_see_audience(user, category) is expected, slug
        assert access.can_view(user, category) is expected, slug


def test_removing_the_membership_hides_member_categories(member, categories):
    assert access.can_see_audience(member, categories["members"])

    member.memberships.all().delete()
    access.forget(member)

    assert not access.can_see_audience(member, categories["members"])
    assert set(access.visible(Category.objects.all(), member).values_list("slug", flat=True)) == {
        "public"
    }


def test_leaving_the_group_hides_its_categories(group_member, working_group, categories):
    group_member.groups.remove(working_group)
    access.forget(group_member)

    assert not access.can_see_audience(group_member, categories["working-group"])


def test_objects_pointing_at_a_category_follow_it(member, categories):
    class Post:
        def __init__(self, category, hidden=False):
            self.audience_source = category
            self.hidden = hidden

        def is_visible_to(self, user):
            return not self.hidden

    assert access.can_view(member, Post(categories["members"]))
    assert not access.can_view(member, Post(categories["working-group"]))
    assert not access.can_view(member, Post(categories["members"], hidden=True))


def test_can_see_audience_uses_prefetched_groups(
    group_member, categories, django_assert_num_queries
):
    # Facts about the user are remembered after the first ask; only the objects are measured.
    access.is_member(group_member)
    access.group_ids(group_member)
    prefetched = list(Category.objects.prefetch_related("groups").order_by("slug"))

    with django_assert_num_queries(0):
        seen = {c.slug for c in prefetched if access.can_see_audience(group_member, c)}

    assert seen == SEES["group_member"]


# Whose own audience each category is: moderators' reach and visitors do not count.
OWN = {
    "anonymous": set(),
    "non_member": set(),
    "member": {"public", "members"},
    "group_member": {"public", "members", "working-group"},
    "removed_member": set(),
    "deactivated_member": set(),
    "editor": {"public", "members"},
    "moderator": {"public", "members"},
    "superuser": {"public", "members"},
}


@pytest.mark.parametrize("role", ROLES)
def test_own_audience_filter_per_role(request, role, categories):
    user = request.getfixturevalue(role)
    own = Category.objects.filter(access.own_audience_filter(Category, user))
    assert {category.slug for category in own} == OWN[role]
