"""partners.access for models with an audience (AudienceMixin), every role against every
audience, using the forum's Category as the concrete model."""

import pytest
from django.contrib.auth.models import Group

from forum.models import Category
from partners import access
from partners.models import Audience

from ..conftest import ROLES

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

    for purpose in access.Purpose:
        visible = access.visible(Category.objects.all(), user, purpose=purpose)
        slugs = list(visible.values_list("slug", flat=True))

        assert set(slugs) == SEES[role], purpose
        assert len(slugs) == len(set(slugs))  # no duplicates from the groups join


@pytest.mark.parametrize("role", ROLES)
def test_can_view_per_role(request, role, categories):
    user = request.getfixturevalue(role)

    for slug, category in categories.items():
        for purpose in access.Purpose:
            assert access.can_view(user, category, purpose=purpose) is (slug in SEES[role]), slug


def _readable(user):
    visible = access.visible(Category.objects.all(), user, purpose=access.READ)
    return set(visible.values_list("slug", flat=True))


def test_removing_the_membership_hides_member_categories(member, categories):
    assert access.can_view(member, categories["members"], purpose=access.READ)

    member.memberships.all().delete()
    access.forget(member)

    assert not access.can_view(member, categories["members"], purpose=access.READ)
    assert _readable(member) == {"public"}


def test_leaving_the_group_hides_its_categories(group_member, working_group, categories):
    group_member.groups.remove(working_group)
    access.forget(group_member)

    assert not access.can_view(group_member, categories["working-group"], purpose=access.READ)


def test_can_view_uses_prefetched_groups(group_member, categories, django_assert_num_queries):
    # Facts about the user are remembered after the first ask; only the objects are measured.
    access.is_member(group_member)
    access.group_ids(group_member)
    prefetched = list(Category.objects.prefetch_related("groups").order_by("slug"))

    with django_assert_num_queries(0):
        seen = {c.slug for c in prefetched if access.can_view(group_member, c, purpose=access.READ)}

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
def test_sensitive_categories_are_searched_by_their_own_audience_only(request, role, categories):
    user = request.getfixturevalue(role)
    Category.objects.update(is_sensitive=True)

    found = access.visible(Category.objects.all(), user, purpose=access.SEARCH)

    assert {category.slug for category in found} == OWN[role]
    for slug, category in categories.items():
        category.is_sensitive = True
        assert access.can_view(user, category, purpose=access.SEARCH) is (slug in OWN[role])
        for purpose in (access.FEED, access.EMAIL, access.HOME):
            assert not access.can_view(user, category, purpose=purpose)
        assert access.can_view(user, category, purpose=access.READ) is (slug in SEES[role])
