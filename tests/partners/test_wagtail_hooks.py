"""Staff manage organisations, memberships, invitations and access requests in Wagtail."""

import pytest
from django.core import mail

from partners.factories import MembershipFactory, OrganisationFactory
from partners.models import AccessRequest, Invitation, OrganisationDescription

pytestmark = pytest.mark.django_db

ADMIN = "/admin/partners"


@pytest.fixture
def staff_client(client_for, partner_staff):
    return client_for(partner_staff)


def test_organisation_listing_searches_and_filters(staff_client):
    OrganisationFactory(name="Alpha Centre", region="africa", is_listed=True)
    OrganisationFactory(name="Beta Network", region="americas")

    searched = staff_client.get(f"{ADMIN}/organisations/", {"q": "alpha"}).content.decode()
    filtered = staff_client.get(f"{ADMIN}/organisations/", {"region": "americas"})

    assert "Alpha Centre" in searched and "Beta Network" not in searched
    assert "Beta Network" in filtered.content.decode()
    assert "Alpha Centre" not in filtered.content.decode()


def test_organisation_is_created_with_translated_descriptions(staff_client):
    response = staff_client.post(
        f"{ADMIN}/organisations/new/",
        {
            "name": "Gamma Institute",
            "short_name": "GI",
            "country": "CL",
            "region": "americas",
            "kind": "research",
            "website": "",
            "description": "Research on torture prevention.",
            "descriptions-TOTAL_FORMS": "1",
            "descriptions-INITIAL_FORMS": "0",
            "descriptions-MIN_NUM_FORMS": "0",
            "descriptions-MAX_NUM_FORMS": "1000",
            "descriptions-0-language_code": "es",
            "descriptions-0-description": "Investigación sobre la prevención de la tortura.",
            "descriptions-0-id": "",
            "descriptions-0-ORDER": "1",
            "descriptions-0-DELETE": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    description = OrganisationDescription.objects.get()
    assert description.organisation.name == "Gamma Institute"
    assert description.organisation.description_in("es").startswith("Investigación")
    assert description.organisation.description_in("fr") == "Research on torture prevention."


def test_membership_listing_shows_addresses_to_staff_and_filters(staff_client, organisation):
    member = MembershipFactory(organisation=organisation).user
    MembershipFactory(user__username="elsewhere")

    page = staff_client.get(
        f"{ADMIN}/memberships/", {"organisation": organisation.pk}
    ).content.decode()

    assert member.email in page
    assert "elsewhere@example.org" not in page


def test_staff_invite_from_the_admin(staff_client, partner_staff, organisation):
    response = staff_client.post(
        f"{ADMIN}/invitations/new/",
        {
            "email": "invitee@example.org",
            "organisation": organisation.pk,
            "role": "admin",
            "language": "es",
        },
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.invited_by == partner_staff
    assert invitation.role == "admin"
    assert mail.outbox[0].to == ["invitee@example.org"]


def test_staff_revoke_from_the_admin(staff_client, organisation):
    invitation = Invitation.objects.create(email="x@example.org", organisation=organisation)

    staff_client.post(f"{ADMIN}/invitations/edit/{invitation.pk}/", {"action": "revoke"})

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED


def test_invitation_listing_filters_by_status(staff_client, organisation):
    Invitation.objects.create(email="pending@example.org", organisation=organisation)
    revoked = Invitation.objects.create(email="revoked@example.org", organisation=organisation)
    revoked.revoked_at = revoked.created_at
    revoked.save()

    page = staff_client.get(f"{ADMIN}/invitations/", {"status": "revoked"}).content.decode()

    assert "revoked@example.org" in page
    assert "pending@example.org" not in page


def test_access_request_listing_filters_by_status(staff_client):
    AccessRequest.objects.create(name="Waiting", email="w@example.org", organisation_name="W")
    AccessRequest.objects.create(
        name="Turned down", email="t@example.org", organisation_name="T", status="declined"
    )

    page = staff_client.get(f"{ADMIN}/access-requests/", {"status": "pending"}).content.decode()

    assert "Waiting" in page
    assert "Turned down" not in page


def test_partner_admin_is_closed_to_members(client_for, member):
    response = client_for(member).get(f"{ADMIN}/organisations/")

    assert response.status_code == 302
    assert "/admin/partners" not in response.get("Location", "").split("?")[0]
