"""Who may do what with organisations, invitations and profiles.

Checks raise ``Http404`` where the existence of the thing must not leak (another
organisation's admin page, a profile outside the directory) and ``PermissionDenied`` with a
translated reason where the person may see the thing but not do this to it.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from . import access
from .models import Invitation, Membership, Organisation, Profile

MANAGE_PARTNERS_PERMISSION = "partners.add_invitation"


def manages_partners(user) -> bool:
    """Staff who may invite to and manage any organisation (the Wagtail permission to add
    invitations; superusers have it)."""
    return user.is_authenticated and user.is_active and user.has_perm(MANAGE_PARTNERS_PERMISSION)


def is_organisation_admin(user, organisation: Organisation) -> bool:
    return (
        access.is_member(user)
        and Membership.objects.filter(
            user=user, organisation=organisation, role=Membership.Role.ADMIN
        ).exists()
    )


def check_can_manage_organisation(user, organisation: Organisation) -> None:
    """Its own admins and partner-managing staff; a 404 for everyone else."""
    if not (manages_partners(user) or is_organisation_admin(user, organisation)):
        raise Http404


def check_can_remove_member(user, membership: Membership) -> None:
    check_can_manage_organisation(user, membership.organisation)
    if membership.user_id == user.pk and not manages_partners(user):
        raise PermissionDenied(
            _("You cannot remove yourself. Ask staff or another organisation admin.")
        )


def check_can_change_invitation(user, invitation: Invitation) -> None:
    check_can_manage_organisation(user, invitation.organisation)
    if not invitation.is_pending:
        raise PermissionDenied(_("This invitation is no longer pending."))


def check_can_use_directory(user) -> None:
    """The member directory and profiles: members (and staff) only."""
    if not access.is_member(user):
        raise Http404


def check_can_contact(user, profile: Profile) -> None:
    check_can_use_directory(user)
    if not profile.allow_contact or profile.user_id == user.pk:
        raise Http404
