"""Organisation admins manage their own organisation and no other."""

import pytest
from django.core import mail
from django.utils import timezone

from partners import access
from partners.factories import MembershipFactory
from partners.models import INVITATION_VALID_FOR, Invitation, Membership

from ..conftest import MEMBER_CHROME

pytestmark = pytest.mark.django_db


def manage_url(organisation):
    return f"/en/partners/organisations/{organisation.pk}/manage/"


def remove_url(membership):
    return f"{manage_url(membership.organisation)[:-7]}members/{membership.pk}/remove/"


def invitation_url(invitation, action):
    return f"{manage_url(invitation.organisation)[:-7]}invitations/{invitation.pk}/{action}/"


def test_manage_page_lists_members_and_pending_invitations(
    client_for, org_admin, colleague, organisation
):
    Invitation.objects.create(email="pending@example.org", organisation=organisation)

    page = client_for(org_admin).get(manage_url(organisation)).content.decode()

    assert colleague.profile.display_name in page
    assert "pending@example.org" in page
    # Colleagues' addresses are for staff and themselves, not for their organisation admin.
    assert colleague.email not in page


def test_manage_page_is_404_for_everyone_but_its_admins(
    client, client_for, organisation, colleague, outsider_member, other_organisation
):
    other_admin = MembershipFactory(
        user__username="otheradmin", organisation=other_organisation, role=Membership.Role.ADMIN
    ).user

    assert client_for(colleague).get(manage_url(organisation)).status_code == 404
    assert client_for(outsider_member).get(manage_url(organisation)).status_code == 404
    assert client_for(other_admin).get(manage_url(organisation)).status_code == 404
    assert client_for(other_admin).get(manage_url(other_organisation)).status_code == 200


def test_manage_page_sends_anonymous_visitors_to_sign_in(client, organisation):
    response = client.get(manage_url(organisation))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_admin_invites_a_colleague(client_for, org_admin, organisation, invitation_link):
    client = client_for(org_admin)

    response = client.post(
        manage_url(organisation),
        {"email": "new.colleague@example.org", "role": "member", "language": "fr"},
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.organisation == organisation
    assert invitation.invited_by == org_admin
    assert mail.outbox[0].to == ["new.colleague@example.org"]
    assert invitation_link().startswith("/fr/")


def test_invalid_invitation_form_keeps_what_was_typed(client_for, org_admin, organisation):
    response = client_for(org_admin).post(
        manage_url(organisation), {"email": "not-an-address", "role": "member", "language": "en"}
    )

    assert response.status_code == 200
    assert 'value="not-an-address"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_invitations_are_rate_limited_per_admin(client_for, org_admin, organisation):
    client = client_for(org_admin)
    for number in range(30):
        client.post(
            manage_url(organisation),
            {"email": f"person{number}@example.org", "role": "member", "language": "en"},
        )

    response = client.post(
        manage_url(organisation),
        {"email": "one-too-many@example.org", "role": "member", "language": "en"},
    )

    assert response.status_code == 429
    assert Invitation.objects.count() == 30


def test_admin_removes_a_member_who_loses_access_at_once(
    client, org_admin, colleague, organisation
):
    membership = Membership.objects.get(user=colleague)
    client.force_login(colleague)
    assert client.get("/en/partners/members/").status_code == 200

    client.force_login(org_admin)
    response = client.post(remove_url(membership))

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    client.force_login(colleague)
    assert client.get("/en/partners/members/").status_code == 404


def test_admin_cannot_remove_members_of_another_organisation(
    client_for, org_admin, outsider_member, organisation
):
    membership = Membership.objects.get(user=outsider_member)
    client = client_for(org_admin)

    # Directly, and smuggled under the admin's own organisation.
    direct = client.post(remove_url(membership))
    smuggled = client.post(
        f"/en/partners/organisations/{organisation.pk}/members/{membership.pk}/remove/"
    )

    assert direct.status_code == 404
    assert smuggled.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_plain_member_cannot_remove_a_colleague(client_for, colleague, org_admin):
    membership = Membership.objects.get(user=org_admin)

    response = client_for(colleague).post(remove_url(membership))

    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_admin_cannot_remove_themselves(client_for, org_admin):
    membership = Membership.objects.get(user=org_admin)

    response = client_for(org_admin).post(remove_url(membership))

    assert response.status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_admin_revokes_and_resends_own_invitations(
    client_for, org_admin, organisation, invitation_link
):
    client = client_for(org_admin)
    client.post(
        manage_url(organisation), {"email": "x@example.org", "role": "member", "language": "en"}
    )
    invitation = Invitation.objects.get()
    first_link = invitation_link()

    client.post(invitation_url(invitation, "resend"))
    assert invitation_link() != first_link
    client.post(invitation_url(invitation, "revoke"))

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED


def test_admin_cannot_revoke_another_organisations_invitation(
    client_for, org_admin, other_organisation
):
    invitation = Invitation.objects.create(email="x@example.org", organisation=other_organisation)

    response = client_for(org_admin).post(invitation_url(invitation, "revoke"))

    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_removed_admin_loses_the_manage_page(client, org_admin, organisation):
    client.force_login(org_admin)
    assert client.get(manage_url(organisation)).status_code == 200

    Membership.objects.filter(user=org_admin).delete()

    assert client.get(manage_url(organisation)).status_code == 404


def test_partner_staff_manage_any_organisation(client_for, partner_staff, outsider_member):
    membership = Membership.objects.get(user=outsider_member)
    client = client_for(partner_staff)

    assert client.get(manage_url(membership.organisation)).status_code == 200
    client.post(remove_url(membership))

    assert not Membership.objects.filter(pk=membership.pk).exists()
    access.forget(outsider_member)
    assert not access.is_member(outsider_member)


def test_manage_page_queries_do_not_grow_with_members(
    client_for, org_admin, organisation, django_assert_num_queries
):
    client = client_for(org_admin)
    MembershipFactory.create_batch(3, organisation=organisation)
    client.get(manage_url(organisation))  # warm up: content types, site
    # MEMBER_CHROME (tests/conftest.py), plus: the organisation; the user's and their groups'
    # permissions (may staff manage it?); is the user an admin of it; its members with their
    # profiles; its pending invitations.
    with django_assert_num_queries(MEMBER_CHROME + 6) as few:
        client.get(manage_url(organisation))
    MembershipFactory.create_batch(20, organisation=organisation)
    Invitation.objects.bulk_create(
        Invitation(
            email=f"p{n}@example.org",
            organisation=organisation,
            key_hash=f"h{n}",
            expires_at=timezone.now() + INVITATION_VALID_FOR,
        )
        for n in range(10)
    )
    with django_assert_num_queries(len(few)):
        response = client.get(manage_url(organisation))
    assert response.content.decode().count("Remove ") >= 23


def test_admin_keeps_the_organisation_profile(client_for, org_admin, organisation):
    response = client_for(org_admin).post(
        manage_url(organisation),
        {
            "organisation-short_name": "CfR",
            "organisation-website": "https://rights.example.org",
            "organisation-description": "Legal aid for survivors.",
        },
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.description == "Legal aid for survivors."
    assert organisation.is_listed  # listing stays with staff
    assert not Invitation.objects.exists()


def test_invalid_organisation_profile_keeps_what_was_typed(client_for, org_admin, organisation):
    response = client_for(org_admin).post(
        manage_url(organisation),
        {"organisation-website": "not a url", "organisation-description": "Kept text."},
    )

    assert response.status_code == 200
    assert "Kept text." in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.description != "Kept text."


def test_admin_of_another_organisation_cannot_edit_its_profile(
    client_for, org_admin, other_organisation
):
    response = client_for(org_admin).post(
        manage_url(other_organisation), {"organisation-description": "Hijacked."}
    )

    assert response.status_code == 404
    other_organisation.refresh_from_db()
    assert other_organisation.description != "Hijacked."
