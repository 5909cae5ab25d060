"""Writes with side effects: invitations, memberships, access requests, contact, export and
account deletion. Views and the admin call these; permission checks live in permissions.py.

Other apps plug into export and deletion without partners importing them, through the
``home.hooks`` plug points DATA_EXPORT and ACCOUNT_DELETION.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from wagtail.users.models import UserProfile

from home import hooks as home_hooks

from . import access, tasks
from .models import AccessRequest, Invitation, Membership, Organisation, Profile


class InvitationNotValid(Exception):
    """The invitation was used, revoked or expired in the meantime."""


# --- Invitations ---------------------------------------------------------------------------


def invite(
    *,
    email: str,
    organisation: Organisation,
    role: str = Membership.Role.MEMBER,
    invited_by=None,
    language: str = "en",
) -> Invitation:
    """Create an invitation and mail its link (in the background)."""
    invitation = Invitation.objects.create(
        email=email,
        organisation=organisation,
        role=role,
        invited_by=invited_by,
        language=language,
    )
    tasks.send_invitation_email.enqueue(invitation.pk, uuid.uuid4().hex)
    return invitation


def resend_invitation(invitation: Invitation) -> None:
    """Mail a new link; the previous one stops working."""
    if not invitation.is_pending:
        raise InvitationNotValid
    tasks.send_invitation_email.enqueue(invitation.pk, uuid.uuid4().hex)


def revoke_invitation(invitation: Invitation) -> Invitation:
    if invitation.is_pending:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def accept_invitation(invitation: Invitation, user) -> Membership:
    """Use the invitation up and make ``user`` a member of its organisation.

    Claiming is one conditional UPDATE, so two tabs (or two people) cannot both use one link.
    An existing membership keeps its role unless the invitation grants admin.
    """
    with transaction.atomic():
        claimed = (
            Invitation.objects.pending()
            .filter(pk=invitation.pk)
            .update(accepted_at=timezone.now(), accepted_by=user)
        )
        if not claimed:
            raise InvitationNotValid
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
        )
        if not created and invitation.role == Membership.Role.ADMIN:
            membership.role = Membership.Role.ADMIN
            membership.save(update_fields=["role"])
    access.forget(user)
    return membership


def remove_member(membership: Membership) -> None:
    """The row goes: access that depended on it ends with the member's next request."""
    membership.delete()
    access.forget(membership.user)


# --- Access requests -----------------------------------------------------------------------


def request_access(
    *, name: str, email: str, organisation_name: str, country: str, message: str, language: str
) -> AccessRequest:
    """Record a request for staff. Nothing here depends on whether the address has an account,
    so the person asking learns nothing about existing accounts."""
    return AccessRequest.objects.create(
        name=name,
        email=email,
        organisation_name=organisation_name,
        country=country,
        message=message,
        language=language,
    )


def approve_access_request(
    access_request: AccessRequest, *, organisation: Organisation, role: str, by
) -> Invitation:
    """Approve: invite the requester to ``organisation``, in the language they wrote in."""
    with transaction.atomic():
        invitation = invite(
            email=access_request.email,
            organisation=organisation,
            role=role,
            invited_by=by,
            language=access_request.language,
        )
        access_request.status = AccessRequest.Status.APPROVED
        access_request.invitation = invitation
        access_request.decided_by = by
        access_request.decided_at = timezone.now()
        access_request.save(update_fields=["status", "invitation", "decided_by", "decided_at"])
    return invitation


def decline_access_request(access_request: AccessRequest, *, by) -> AccessRequest:
    """Decline quietly: no mail goes out, so an address someone else typed is not written to."""
    access_request.status = AccessRequest.Status.DECLINED
    access_request.decided_by = by
    access_request.decided_at = timezone.now()
    access_request.save(update_fields=["status", "decided_by", "decided_at"])
    return access_request


# --- Contact -------------------------------------------------------------------------------


def contact_member(*, sender, recipient_profile: Profile, message: str) -> None:
    tasks.send_contact_message.enqueue(
        sender.pk, recipient_profile.user_id, message, uuid.uuid4().hex
    )


# --- Export --------------------------------------------------------------------------------


def isoformat_or_none(value) -> str | None:
    """Dates in exports: ISO 8601, or None."""
    return value.isoformat() if value else None


def export_user_data(user) -> dict[str, Any]:
    """Everything the site holds about ``user``, as JSON-able data; other apps add sections
    through the DATA_EXPORT hook."""
    profile = Profile.objects.get(user=user)
    data: dict[str, Any] = {
        "exported_at": isoformat_or_none(timezone.now()),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "date_joined": isoformat_or_none(user.date_joined),
            "last_login": isoformat_or_none(user.last_login),
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user).order_by("email")
            ],
            "second_factors": sorted(
                Authenticator.objects.filter(user=user).values_list("type", flat=True)
            ),
        },
        "profile": {
            "display_name": profile.display_name,
            "real_name": profile.real_name,
            "languages": profile.languages,
            "language": profile.language,
            "bio": profile.bio,
            "show_organisation": profile.show_organisation,
            "show_real_name": profile.show_real_name,
            "allow_contact": profile.allow_contact,
        },
        "memberships": [
            {
                "organisation": m.organisation.name,
                "role": m.role,
                "joined": isoformat_or_none(m.created_at),
            }
            for m in Membership.objects.filter(user=user).select_related("organisation")
        ],
        # Who was invited is the invitee's data, not the inviter's: no addresses here.
        "invitations_sent": [
            {
                "organisation": i.organisation.name,
                "created": isoformat_or_none(i.created_at),
                "status": i.status,
            }
            for i in Invitation.objects.filter(invited_by=user).select_related("organisation")
        ],
        "access_requests": [
            {
                "name": r.name,
                "email": r.email,
                "organisation": r.organisation_name,
                "country": r.country,
                "message": r.message,
                "received": isoformat_or_none(r.created_at),
                "status": r.status,
            }
            for r in AccessRequest.objects.filter(email__in=_addresses(user))
        ],
    }
    for name, section in sorted(home_hooks.data_export(user).items()):
        data[name] = section
    return data


def _addresses(user) -> list[str]:
    addresses = {
        a.lower() for a in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    if user.email:
        addresses.add(user.email.lower())
    return sorted(addresses)


# --- Deletion ------------------------------------------------------------------------------


def delete_account(user) -> None:
    """Delete what the site holds about ``user``, keeping an inactive, scrubbed user row.

    The row stays so that foreign keys from other apps (forum posts, event registrations)
    survive and threads keep their structure; it carries nothing personal: a random username,
    no email, no name, an unusable password, no groups or permissions, inactive. The profile
    row stays too (every user has one) with its fields emptied and ``deleted_at`` set, so
    authorship reads "former member". Gone: memberships, email addresses, second factors,
    sessions, Wagtail's admin profile, invitations and access requests sent for the user's
    addresses, and whatever the apps' ACCOUNT_DELETION hooks remove.
    """
    addresses = _addresses(user)
    with transaction.atomic():
        home_hooks.account_deletion(user)

        Membership.objects.filter(user=user).delete()
        Invitation.objects.filter(email__in=addresses).delete()
        Invitation.objects.filter(accepted_by=user).delete()
        AccessRequest.objects.filter(email__in=addresses).delete()
        Authenticator.objects.filter(user=user).delete()
        EmailAddress.objects.filter(user=user).delete()  # confirmations cascade
        UserProfile.objects.filter(user=user).delete()

        Profile.objects.filter(user=user).update(
            display_name="",
            real_name="",
            languages="",
            language=settings.LANGUAGE_CODE,
            bio="",
            show_organisation=False,
            show_real_name=False,
            allow_contact=False,
            deleted_at=timezone.now(),
        )

        user.username = f"deleted-{secrets.token_hex(8)}"
        user.email = ""
        user.first_name = ""
        user.last_name = ""
        user.set_unusable_password()
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.last_login = None
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        _delete_sessions(user)
    access.forget(user)


def _delete_sessions(user) -> None:
    """Sessions hold the user id only inside their encoded data, so each one is read.
    (The unusable password already invalidates them; this removes the rows.)"""
    user_id = str(user.pk)
    doomed = [
        session.pk
        for session in Session.objects.iterator()
        if str(session.get_decoded().get("_auth_user_id")) == user_id
    ]
    Session.objects.filter(pk__in=doomed).delete()
