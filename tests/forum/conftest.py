"""Forum fixtures: one category per audience."""

import pytest
from django.contrib.auth.models import Group

from forum.factories import CategoryFactory
from partners.factories import MembershipFactory
from partners.models import Audience

ROLES = ("anonymous", "non_member", "member", "group_member", "moderator")


@pytest.fixture
def public_category(db):
    return CategoryFactory(name="Lessons learned", slug="lessons", audience=Audience.PUBLIC)


@pytest.fixture
def members_category(db):
    return CategoryFactory(name="Members' room", slug="members-room", audience=Audience.MEMBERS)


@pytest.fixture
def group_category(db, working_group):
    return CategoryFactory(
        name="Working group space",
        slug="wg-space",
        audience=Audience.GROUPS,
        groups=[working_group],
    )


@pytest.fixture
def sensitive_category(db, working_group):
    return CategoryFactory(
        name="Survivors' safety",
        slug="safety",
        audience=Audience.GROUPS,
        groups=[working_group],
        is_sensitive=True,
    )


@pytest.fixture
def categories(public_category, members_category, group_category):
    return {"public": public_category, "members": members_category, "groups": group_category}


@pytest.fixture
def author(db, working_group):
    """A member of the working group who writes the posts (so every category is open)."""
    user = MembershipFactory(user__username="author").user
    user.profile.display_name = "author-name"
    user.profile.save()
    user.groups.add(working_group)
    return user


@pytest.fixture
def moderator(moderator):
    """The shared moderator, with the second factor staff must have (else every page sends
    them to enrol one)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(moderator, generate_totp_secret())
    return moderator


@pytest.fixture
def roles(anonymous, non_member, member, group_member, moderator):
    return {
        "anonymous": anonymous,
        "non_member": non_member,
        "member": member,
        "group_member": group_member,
        "moderator": moderator,
    }


# Who may see each audience: the expectation table every surface test checks against.
SEES = {
    "public": {"anonymous", "non_member", "member", "group_member", "moderator"},
    "members": {"member", "group_member", "moderator"},
    "groups": {"group_member", "moderator"},
}


@pytest.fixture
def moderators_group(db):
    return Group.objects.get_or_create(name="Moderators")[0]
