"""The public "request access" form and the staff decision in the Wagtail admin."""

import re

import pytest
from django.core import mail

from partners.factories import UserFactory
from partners.models import AccessRequest, Invitation, Membership

pytestmark = pytest.mark.django_db

URL = "/en/partners/request-access/"


def form(email="asker@example.org", **changes):
    data = {
        "name": "Asker",
        "email": email,
        "organisation_name": "Lawyers for Detainees",
        "country": "Tunisia",
        "message": "We monitor places of detention.",
    }
    data.update(changes)
    return data


def test_request_is_recorded_for_staff(client, db):
    response = client.post(URL, form(email="Asker@Example.org"))

    assert response.status_code == 302
    assert response["Location"] == "/en/partners/request-access/sent/"
    request = AccessRequest.objects.get()
    assert request.email == "asker@example.org"
    assert request.status == AccessRequest.Status.PENDING
    assert request.language == "en"
    assert not mail.outbox  # nothing is written to an address a stranger typed


def without_nonce(content: bytes) -> bytes:
    return re.sub(rb'nonce="[^"]+"', b'nonce=""', content)


def test_response_is_the_same_whether_or_not_an_account_exists(client, db):
    UserFactory(username="known", email="known@example.org")

    known = client.post(URL, form(email="known@example.org"), follow=True)
    unknown = client.post(URL, form(email="unknown@example.org"), follow=True)

    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == [("/en/partners/request-access/sent/", 302)]
    assert unknown.redirect_chain == known.redirect_chain
    # The same page, but for the script nonce that every response draws anew.
    assert without_nonce(known.content) == without_nonce(unknown.content)
    assert AccessRequest.objects.count() == 2


def test_invalid_request_keeps_what_was_typed(client, db):
    response = client.post(URL, form(email="not an address"))

    assert response.status_code == 200
    assert "Lawyers for Detainees" in response.content.decode()
    assert not AccessRequest.objects.exists()


def test_requests_are_rate_limited_per_connection(client, db):
    for number in range(5):
        client.post(URL, form(email=f"asker{number}@example.org"))

    response = client.post(URL, form(email="sixth@example.org"))

    assert response.status_code == 429
    assert "sixth@example.org" in response.content.decode()  # the form is kept
    assert AccessRequest.objects.count() == 5


def test_repeated_requests_for_one_address_are_dropped_silently(client, db):
    for _number in range(3):
        client.post(URL, form(), REMOTE_ADDR="10.0.0.1")

    response = client.post(URL, form(), REMOTE_ADDR="10.0.0.2")

    assert response.status_code == 302  # same answer as ever
    assert AccessRequest.objects.count() == 3


# --- The staff decision (Wagtail admin) ----------------------------------------------------


def decide_url(access_request):
    return f"/admin/partners/access-requests/edit/{access_request.pk}/"


@pytest.fixture
def access_request(db):
    return AccessRequest.objects.create(
        name="Asker",
        email="asker@example.org",
        organisation_name="Lawyers",
        language="fr",
    )


def test_staff_approve_and_an_invitation_goes_out(
    client_for, partner_staff, access_request, organisation, invitation_link
):
    response = client_for(partner_staff).post(
        decide_url(access_request),
        {"decision": "approve", "organisation": organisation.pk, "role": "member"},
    )

    assert response.status_code == 302
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.APPROVED
    assert access_request.decided_by == partner_staff
    invitation = access_request.invitation
    assert invitation.email == "asker@example.org"
    assert invitation.organisation == organisation
    assert mail.outbox[0].to == ["asker@example.org"]
    assert invitation_link().startswith("/fr/")  # in the language they wrote in


def test_staff_decline_sends_nothing(client_for, partner_staff, access_request):
    client_for(partner_staff).post(
        decide_url(access_request), {"decision": "decline", "role": "member"}
    )

    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.DECLINED
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_approval_needs_an_organisation(client_for, partner_staff, access_request):
    response = client_for(partner_staff).post(
        decide_url(access_request), {"decision": "approve", "role": "member"}
    )

    assert response.status_code == 200
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.PENDING


def test_a_decided_request_cannot_be_decided_again(
    client_for, partner_staff, access_request, organisation
):
    client = client_for(partner_staff)
    client.post(decide_url(access_request), {"decision": "decline", "role": "member"})

    client.post(
        decide_url(access_request),
        {"decision": "approve", "organisation": organisation.pk, "role": "member"},
    )

    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.DECLINED
    assert not Invitation.objects.exists()


def test_members_cannot_decide(client_for, access_request, organisation):
    admin = Membership.objects.create(
        user=UserFactory(username="orgadmin2"), organisation=organisation, role="admin"
    ).user

    response = client_for(admin).post(
        decide_url(access_request),
        {"decision": "approve", "organisation": organisation.pk, "role": "admin"},
    )

    assert response.status_code in (302, 403)
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.PENDING
