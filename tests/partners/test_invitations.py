"""Invitation life cycle: send, open, sign up (allauth), accept, reuse, expire, revoke."""

import datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from partners import access, services
from partners.factories import OrganisationFactory, UserFactory
from partners.models import Invitation, Membership

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "a-long-and-unusual-passphrase-42"


def sign_up(client, email, password=PASSWORD):
    return client.post(
        "/en/accounts/signup/", {"email": email, "password1": password, "password2": password}
    )


def invite(organisation, email="newcomer@example.org", **kwargs):
    return services.invite(email=email, organisation=organisation, **kwargs)


def test_invite_mails_a_link_and_stores_only_its_hash(organisation, invitation_link):
    invitation = invite(organisation, email="Newcomer@Example.org")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["newcomer@example.org"]
    link = invitation_link()
    key = link.rstrip("/").rsplit("/", 1)[1]
    invitation.refresh_from_db()
    assert invitation.email == "newcomer@example.org"
    assert invitation.sent_at is not None
    assert key not in invitation.key_hash
    assert Invitation.objects.for_key(key) == invitation


def test_invitation_mail_names_only_listed_organisations(db):
    listed = OrganisationFactory(name="Listed Centre", is_listed=True)
    hidden = OrganisationFactory(name="Hidden Collective", is_listed=False)

    invite(listed, email="a@example.org")
    invite(hidden, email="b@example.org")

    assert "Listed Centre" in mail.outbox[0].body
    assert "Hidden Collective" not in mail.outbox[1].body
    assert "Hidden Collective" not in mail.outbox[1].subject


def test_invitation_mail_uses_the_invitation_language(organisation, invitation_link):
    invite(organisation, language="ar")

    assert invitation_link().startswith("/ar/partners/invitations/")


def test_invitation_link_opens_sign_up_for_the_invited_address_only(
    client, organisation, invitation_link
):
    invite(organisation)
    response = client.get(invitation_link())
    assert response.status_code == 200
    assert "newcomer@example.org" in response.content.decode()

    signup_page = client.get("/en/accounts/signup/").content.decode()
    assert 'value="newcomer@example.org"' in signup_page
    assert "readonly" in signup_page

    response = sign_up(client, "someone-else@example.org")
    assert response.status_code == 200
    assert "the address your invitation was sent to" in response.content.decode()
    assert not User.objects.filter(email="someone-else@example.org").exists()


def test_sign_up_with_the_invitation_makes_a_verified_member(client, organisation, invitation_link):
    invite(organisation, role=Membership.Role.ADMIN)
    client.get(invitation_link())

    response = sign_up(client, "newcomer@example.org")

    assert response.status_code == 302
    assert response["Location"] == "/en/partners/account/"
    user = User.objects.get(email="newcomer@example.org")
    assert "newcomer" not in user.username  # usernames never derive from the address
    address = EmailAddress.objects.get(user=user)
    assert address.verified and address.primary
    membership = Membership.objects.get(user=user)
    assert membership.organisation == organisation
    assert membership.role == Membership.Role.ADMIN
    assert access.is_member(user)
    # Signed in straight away: the link proved the address, so no confirmation mail.
    assert client.get("/en/partners/account/").status_code == 200
    assert len(mail.outbox) == 1
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user
    assert invitation.status == Invitation.Status.ACCEPTED


def test_sign_up_keeps_the_invitation_language_for_emails(client, organisation, invitation_link):
    invite(organisation, language="ar")
    client.get(invitation_link())

    sign_up(client, "newcomer@example.org")

    assert User.objects.get(email="newcomer@example.org").profile.language == "ar"


def test_sign_up_without_an_invitation_is_refused(client, db):
    page = client.get("/en/accounts/signup/")
    assert "Sign-up is by invitation" in page.content.decode()

    sign_up(client, "walk-in@example.org")

    assert not User.objects.filter(email="walk-in@example.org").exists()


def test_invitation_cannot_be_used_twice(client, organisation, invitation_link):
    invite(organisation)
    link = invitation_link()
    client.get(link)
    sign_up(client, "newcomer@example.org")
    client.logout()

    response = client.get(link)
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    sign_up(client, "newcomer@example.org", password="another-long-passphrase-77")
    assert User.objects.filter(email="newcomer@example.org").count() == 1


def test_expired_invitation_says_so_and_keeps_sign_up_closed(client, organisation, invitation_link):
    invite(organisation)
    link = invitation_link()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        response = client.get(link)
        assert response.status_code == 410
        assert "expired" in response.content.decode()
        sign_up(client, "newcomer@example.org")

    assert not User.objects.filter(email="newcomer@example.org").exists()


def test_invitation_is_valid_until_seven_days_are_over(client, organisation, invitation_link):
    invite(organisation)
    link = invitation_link()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=6, hours=23)):
        assert client.get(link).status_code == 200
        sign_up(client, "newcomer@example.org")

    assert User.objects.filter(email="newcomer@example.org").exists()


def test_revoked_invitation_says_so(client, organisation, invitation_link):
    invitation = invite(organisation)
    services.revoke_invitation(invitation)

    response = client.get(invitation_link())

    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()


def test_revoking_after_the_link_was_opened_still_refuses_sign_up(
    client, organisation, invitation_link
):
    invitation = invite(organisation)
    client.get(invitation_link())
    services.revoke_invitation(invitation)

    sign_up(client, "newcomer@example.org")

    assert not User.objects.filter(email="newcomer@example.org").exists()


def test_unknown_link_is_not_found(client, db):
    response = client.get("/en/partners/invitations/not-a-real-key/")

    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_sending_a_new_link_retires_the_old_one(client, organisation, invitation_link):
    invitation = invite(organisation)
    old_link = invitation_link()

    services.resend_invitation(invitation)
    new_link = invitation_link()

    assert new_link != old_link
    assert client.get(old_link).status_code == 404
    assert client.get(new_link).status_code == 200


def test_existing_account_accepts_while_signed_in(client_for, organisation, invitation_link):
    user = UserFactory(username="existing", email="existing@example.org")
    invite(organisation, email="existing@example.org")
    client = client_for(user)
    link = invitation_link()

    page = client.get(link)
    assert 'method="post"' in page.content.decode()
    response = client.post(link)

    assert response.status_code == 302
    assert Membership.objects.filter(user=user, organisation=organisation).exists()
    assert client.get(link).status_code == 410


def test_signed_in_with_another_address_cannot_accept(client_for, organisation, invitation_link):
    user = UserFactory(username="wrong", email="wrong@example.org")
    invite(organisation, email="right@example.org")
    client = client_for(user)
    link = invitation_link()

    page = client.get(link).content.decode()
    client.post(link)

    assert "not a confirmed address" in page
    assert not Membership.objects.filter(user=user).exists()
    assert Invitation.objects.get().is_pending


def test_unverified_address_cannot_accept(client_for, organisation, invitation_link):
    user = UserFactory(username="unverified", email="unverified@example.org", verified=False)
    invite(organisation, email="unverified@example.org")
    client = client_for(user)

    client.post(invitation_link())

    assert not Membership.objects.filter(user=user).exists()


def test_accepting_an_admin_invitation_promotes_an_existing_member(organisation):
    membership = Membership.objects.create(
        user=UserFactory(username="promoted"), organisation=organisation
    )
    invitation = invite(organisation, email=membership.user.email, role=Membership.Role.ADMIN)

    services.accept_invitation(invitation, membership.user)

    membership.refresh_from_db()
    assert membership.role == Membership.Role.ADMIN


def test_accept_invitation_twice_raises(organisation):
    invitation = invite(organisation)
    first, second = UserFactory(username="first"), UserFactory(username="second")
    services.accept_invitation(invitation, first)

    with pytest.raises(services.InvitationNotValid):
        services.accept_invitation(invitation, second)
    assert not Membership.objects.filter(user=second).exists()


def test_invitation_used_up_during_sign_up_leaves_no_account(
    client, organisation, invitation_link, monkeypatch
):
    invite(organisation)
    client.get(invitation_link())

    def used_meanwhile(invitation, user):
        raise services.InvitationNotValid

    monkeypatch.setattr(services, "accept_invitation", used_meanwhile)
    response = sign_up(client, "newcomer@example.org")

    assert response.status_code == 302
    assert not User.objects.filter(email="newcomer@example.org").exists()
    assert not EmailAddress.objects.filter(email="newcomer@example.org").exists()


def test_sign_up_with_an_address_that_has_an_account_creates_no_second_one(
    client, organisation, invitation_link
):
    existing = UserFactory(username="already", email="newcomer@example.org")
    invite(organisation)
    client.get(invitation_link())

    response = sign_up(client, "newcomer@example.org")

    assert response.status_code == 302  # allauth answers as for a new account (no enumeration)
    assert list(User.objects.filter(email="newcomer@example.org")) == [existing]
    assert not Membership.objects.filter(user=existing).exists()
    assert Invitation.objects.get().is_pending  # still usable by signing in


def test_sign_up_from_an_arabic_invitation_stays_in_arabic(client, organisation, invitation_link):
    invite(organisation, language="ar")
    link = invitation_link()
    assert link.startswith("/ar/")
    assert 'href="/ar/accounts/signup/' in client.get(link).content.decode()
    response = client.post(
        "/ar/accounts/signup/",
        {"email": "newcomer@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response["Location"] == "/ar/partners/account/"
