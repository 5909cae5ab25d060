import pytest

from dialogue.factories import DialogueFactory, space
from partners.factories import MembershipFactory
from partners.models import Membership


@pytest.fixture
def programme_staff(db):
    """The organisation's staff for the partnership (a member of the organisation itself)."""
    return MembershipFactory(user__username="programme").user


@pytest.fixture
def other_staff(db):
    """Staff of another partnership: not in this one."""
    return MembershipFactory(user__username="otherstaff").user


@pytest.fixture
def partnership(programme_staff, other_staff):
    partnership = space(slug="coast", staff=[programme_staff], partners=["partner"])
    space(slug="elsewhere", staff=[other_staff])
    return partnership


@pytest.fixture
def partner(partnership):
    return Membership.objects.get(user__username="partner").user


@pytest.fixture
def dialogue(partnership):
    return DialogueFactory(partnership=partnership, year=2026)


@pytest.fixture
def outsiders(anonymous, non_member, member, editor, moderator, superuser, other_staff):
    """Everyone who must not see the space, by role (staff with their second factor)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    for user in (editor, moderator, superuser):
        TOTP.activate(user, generate_totp_secret())
    return {
        "anonymous": anonymous,
        "non_member": non_member,
        "member": member,
        "editor": editor,
        "moderator": moderator,
        "superuser": superuser,
        "staff of another partnership": other_staff,
    }
