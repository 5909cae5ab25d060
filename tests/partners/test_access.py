"""partners.access for pages: every role against every kind of Wagtail view restriction.

The audience-model half (AudienceMixin) is in test_access_audience.py.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from home.factories import StandardPageFactory
from partners import access
from partners.factories import MembershipFactory, UserFactory
from partners.models import Membership

from ..conftest import ROLES

pytestmark = pytest.mark.django_db

# Which restricted sections each role may enter (listing, can_view_page, can_view).
SEES = {
    "anonymous": {"open"},
    "non_member": {"open"},
    "member": {"open", "login"},
    "group_member": {"open", "login", "groups"},
    "removed_member": {"open"},
    "deactivated_member": {"open"},
    "editor": {"open", "login"},
    # Moderators' reach is the forum's audiences; pages follow Wagtail's restrictions, which
    # only superusers pass. Password pages stay out of every listing, for everyone.
    "moderator": {"open", "login"},
    "superuser": {"open", "login", "groups"},
}


@pytest.fixture
def sections(home_page, working_group):
    """One section per kind of restriction, each with a child page (restrictions inherit)."""
    pages = {}
    for kind in ("open", "login", "groups", "password"):
        section = StandardPageFactory(parent=home_page, title=f"{kind} section", slug=kind)
        StandardPageFactory(parent=section, title=f"{kind} child", slug=f"{kind}-child")
        pages[kind] = section
    PageViewRestriction.objects.create(
        page=pages["login"], restriction_type=PageViewRestriction.LOGIN
    )
    restriction = PageViewRestriction.objects.create(
        page=pages["groups"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(working_group)
    PageViewRestriction.objects.create(
        page=pages["password"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="shared-secret",
    )
    return pages


def kinds_in(pages) -> set[str]:
    return {page.slug.removesuffix("-child") for page in pages}


@pytest.mark.parametrize("role", ROLES)
def test_visible_pages_per_role(request, role, sections):
    user = request.getfixturevalue(role)
    pages = Page.objects.filter(depth__gte=3)

    visible = access.visible(pages, user, purpose=access.READ)

    assert kinds_in(visible) == SEES[role]
    # Children inherit their section's restriction: both or neither.
    assert visible.count() == 2 * len(SEES[role])


def test_restrictions_at_several_depths_hide_their_subtrees_in_one_condition_per_depth(
    anonymous, sections
):
    # A restriction inside an already restricted section, and one on a leaf of the open one:
    # the nested one adds nothing, the leaf hides itself only. (The condition compares the
    # first characters of each path with the denied paths of that length: one list per depth,
    # however many pages are restricted.)
    open_child = Page.objects.get(slug="open-child")
    login_child = Page.objects.get(slug="login-child")
    for page in (open_child, login_child):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    pages = Page.objects.filter(depth__gte=3)

    visible = access.visible(pages, anonymous, purpose=access.READ)

    assert [page.slug for page in visible] == ["open"]
    sql = str(visible.query)
    assert sql.count("LEFT(") + sql.count("SUBSTR(") == 2  # depth 3 (sections), depth 4 (leaf)
    assert "LIKE" not in sql


@pytest.mark.parametrize("role", ROLES)
def test_can_view_page_per_role(request, role, sections):
    user = request.getfixturevalue(role)

    for kind, section in sections.items():
        child = section.get_children().get()
        expected = kind in SEES[role]
        for purpose in access.Purpose:
            assert access.can_view(user, section, purpose=purpose) is expected, kind
            assert access.can_view(user, child, purpose=purpose) is expected, kind
            assert access.can_view(user, section.specific, purpose=purpose) is expected, kind


@pytest.mark.parametrize("role", ROLES)
def test_password_pages_may_be_served_behind_their_form(request, role, sections):
    user = request.getfixturevalue(role)

    assert access.can_serve_page(user, sections["password"])
    assert not access.can_view(user, sections["password"], purpose=access.READ)
    assert access.can_serve_page(user, sections["login"]) is ("login" in SEES[role])


def test_draft_pages_are_invisible_to_everyone(superuser, home_page):
    draft = StandardPageFactory(parent=home_page, slug="draft", live=False)

    assert not access.can_serve_page(superuser, draft)
    assert not access.can_view(superuser, draft, purpose=access.READ)
    assert draft not in access.visible(Page.objects.all(), superuser, purpose=access.READ)


# --- Facts about users ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expect_member", "expect_staff", "expect_moderator"),
    [
        ("anonymous", False, False, False),
        ("non_member", False, False, False),
        ("member", True, False, False),
        ("group_member", True, False, False),
        ("removed_member", False, False, False),
        ("deactivated_member", False, False, False),
        ("editor", True, True, False),
        ("moderator", True, True, True),
        ("superuser", True, True, True),
    ],
)
def test_user_facts_per_role(request, role, expect_member, expect_staff, expect_moderator):
    user = request.getfixturevalue(role)

    assert access.is_member(user) is expect_member
    assert access.is_staff(user) is expect_staff
    assert access.is_moderator(user) is expect_moderator


def test_unverified_address_is_not_a_member(db):
    user = MembershipFactory(user__username="unverified", user__verified=False).user

    assert not access.is_member(user)


def test_deactivated_user_has_no_groups(deactivated_member, working_group):
    assert access.group_ids(deactivated_member) == frozenset()
    assert not access.in_group(deactivated_member, working_group.name)


def test_forget_drops_what_was_remembered(member):
    assert access.is_member(member)
    Membership.objects.filter(user=member).delete()
    assert access.is_member(member)  # remembered on this object until told

    access.forget(member)

    assert not access.is_member(member)


def test_facts_cost_one_query_each_per_user_object(member, django_assert_num_queries):
    with django_assert_num_queries(2):  # groups, membership + verified address
        for _ in range(3):
            access.is_member(member)
            access.group_ids(member)


def test_staff_groups_make_staff_without_django_is_staff(db):
    user = UserFactory(username="organiser")
    user.groups.add(Group.objects.get_or_create(name="Event organisers")[0])

    assert access.is_staff(user)
    assert access.is_member(user)
    assert not access.is_moderator(user)


# --- Served pages: access ends at once -----------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "non_member", "member", "group_member"])
def test_served_pages_are_404_where_not_visible(request, client_for, role, sections):
    client = client_for(request.getfixturevalue(role))

    for kind in ("open", "login", "groups"):
        response = client.get(f"/en/{kind}/{kind}-child/")
        assert response.status_code == (200 if kind in SEES[role] else 404), kind


def test_password_page_shows_its_form_rather_than_a_404(client, sections):
    response = client.get("/en/password/")

    assert response.status_code == 200
    assert "password child" not in response.content.decode()


def test_removed_member_loses_access_on_the_next_request(client, group_member, sections):
    client.force_login(group_member)
    assert client.get("/en/groups/").status_code == 200

    Membership.objects.filter(user=group_member).delete()

    assert client.get("/en/groups/").status_code == 404
    assert client.get("/en/login/").status_code == 404


def test_user_removed_from_the_group_loses_it_on_the_next_request(
    client, group_member, working_group, sections
):
    client.force_login(group_member)
    assert client.get("/en/groups/").status_code == 200

    group_member.groups.remove(working_group)

    assert client.get("/en/groups/").status_code == 404
    assert client.get("/en/login/").status_code == 200


def test_deactivated_user_loses_access_on_the_next_request(client, group_member, sections):
    client.force_login(group_member)
    assert client.get("/en/login/").status_code == 200

    group_member.is_active = False
    group_member.save()

    assert client.get("/en/login/").status_code == 404
    assert client.get("/en/groups/").status_code == 404


def test_moderator_outside_the_group_gets_a_404_for_group_pages(
    client_for, enrol_mfa, moderator, sections
):
    client = client_for(enrol_mfa(moderator))

    assert not access.can_view(moderator, sections["groups"], purpose=access.READ)
    assert client.get("/en/groups/groups-child/").status_code == 404
