"""Data export and account deletion."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import serializers
from django.db import models
from wagtail import hooks

from home import hooks as home_hooks
from partners import access, services
from partners.factories import DEFAULT_PASSWORD, MembershipFactory, UserFactory
from partners.models import AccessRequest, Invitation, Membership, Profile

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def person(organisation, enrol_mfa):
    """A member with everything filled in: profile, second factor, a second address, an
    invitation they accepted, one they sent, an access request they made earlier."""
    user = MembershipFactory(
        user__username="person", user__email="person@example.org", organisation=organisation
    ).user
    Profile.objects.filter(user=user).update(
        display_name="Blue Kite",
        real_name="Leyla Personal",
        languages="Turkish, English",
        bio="Forensic doctor in Izmir.",
        show_real_name=True,
    )
    EmailAddress.objects.create(user=user, email="leyla.second@example.org", verified=True)
    enrol_mfa(user)
    accepted = Invitation.objects.create(email="person@example.org", organisation=organisation)
    accepted.accepted_by = user
    accepted.accepted_at = accepted.created_at
    accepted.save()
    Invitation.objects.create(
        email="friend@example.org", organisation=organisation, invited_by=user
    )
    AccessRequest.objects.create(
        name="Leyla Personal",
        email="leyla.second@example.org",
        organisation_name="Izmir Doctors",
        message="Please let me in.",
    )
    return user


@pytest.fixture
def bystander(organisation):
    user = MembershipFactory(
        user__username="bystander", user__email="bystander@example.org", organisation=organisation
    ).user
    Profile.objects.filter(user=user).update(display_name="Grey Owl", real_name="Bo Bystander")
    return user


# --- Export --------------------------------------------------------------------------------


def test_export_contains_the_users_data(person, organisation):
    data = services.export_user_data(person)

    assert data["account"]["email"] == "person@example.org"
    assert {a["email"] for a in data["account"]["email_addresses"]} == {
        "person@example.org",
        "leyla.second@example.org",
    }
    assert data["account"]["second_factors"] == ["totp"]
    assert data["profile"]["real_name"] == "Leyla Personal"
    assert data["profile"]["bio"] == "Forensic doctor in Izmir."
    assert data["memberships"] == [
        {
            "organisation": organisation.name,
            "role": "member",
            "joined": data["memberships"][0]["joined"],
        }
    ]
    assert [i["organisation"] for i in data["invitations_sent"]] == [organisation.name]
    assert [r["message"] for r in data["access_requests"]] == ["Please let me in."]
    json.dumps(data)  # JSON-able as it is


def test_export_contains_nobody_elses_data(person, bystander):
    AccessRequest.objects.create(
        name="Bo Bystander", email="bystander@example.org", organisation_name="Elsewhere"
    )

    text = json.dumps(services.export_user_data(person))

    # friend@example.org was invited by the person: the invitee's address is theirs, not his.
    for secret in ("bystander", "Grey Owl", "Bo Bystander", "Elsewhere", "friend@example.org"):
        assert secret not in text


def test_export_includes_sections_other_apps_register(person):
    def notes(user):
        return "notes", [{"author": user.pk, "body": "my note"}]

    with hooks.register_temporarily(home_hooks.DATA_EXPORT, notes):
        data = services.export_user_data(person)

    assert data["notes"] == [{"author": person.pk, "body": "my note"}]
    assert "forum" in data  # the forum's own section, registered by the forum


def test_export_view_downloads_json(client_for, person):
    response = client_for(person).post("/en/partners/account/export/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.content)["profile"]["display_name"] == "Blue Kite"


def test_export_view_needs_post_and_sign_in(client, client_for, person):
    assert client.post("/en/partners/account/export/").status_code == 302
    assert client_for(person).get("/en/partners/account/export/").status_code == 405


# --- Deletion ------------------------------------------------------------------------------

PERSONAL = (
    "person@example.org",
    "leyla.second@example.org",
    "Leyla Personal",
    "Blue Kite",
    "Forensic doctor",
    "Turkish, English",
    "Please let me in",
)


def database_text() -> str:
    """Every row of every model, serialised: what a database dump would contain."""
    chunks = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        chunks.append(serializers.serialize("json", model._default_manager.all()))
    return "\n".join(chunks)


def test_deletion_leaves_no_personal_data_behind(client, person, bystander):
    client.force_login(person)
    assert Session.objects.count() == 1
    assert all(value in database_text() for value in PERSONAL)  # the check can fail

    services.delete_account(person)

    text = database_text()
    for value in PERSONAL:
        assert value not in text, value
    person.refresh_from_db()
    assert person.username.startswith("deleted-")
    assert (person.email, person.first_name, person.last_name) == ("", "", "")
    assert not person.has_usable_password()
    assert not person.is_active and not person.is_staff and not person.is_superuser
    assert not Membership.objects.filter(user=person).exists()
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not Authenticator.objects.filter(user=person).exists()
    assert not Session.objects.exists()
    assert str(person.profile.public_name) == "former member"
    # Someone else's data is untouched.
    assert "Grey Owl" in text and "bystander@example.org" in text
    assert access.is_member(bystander)


def test_deletion_keeps_the_user_row_for_other_apps(person):
    pk = person.pk

    services.delete_account(person)

    assert User.objects.filter(pk=pk, is_active=False).exists()
    assert Profile.objects.filter(user_id=pk, deleted_at__isnull=False).exists()


def test_deletion_lets_other_apps_anonymise_first(person):
    seen = []

    def anonymise_posts(user):
        # Hooks run before anything is scrubbed: the user is still whole.
        seen.append((user.pk, user.email, Membership.objects.filter(user=user).exists()))

    with hooks.register_temporarily(home_hooks.ACCOUNT_DELETION, anonymise_posts):
        services.delete_account(person)

    assert seen == [(person.pk, "person@example.org", True)]


def test_a_failing_receiver_deletes_nothing(person):
    def broken(user):
        raise RuntimeError("forum is down")

    with (
        hooks.register_temporarily(home_hooks.ACCOUNT_DELETION, broken),
        pytest.raises(RuntimeError),
    ):
        services.delete_account(person)

    person.refresh_from_db()
    assert person.is_active and person.email == "person@example.org"
    assert Membership.objects.filter(user=person).exists()


def test_delete_view_needs_the_password(client_for, person):
    client = client_for(person)

    response = client.post(
        "/en/partners/account/delete/", {"password": "wrong-password", "confirm": "on"}
    )

    assert response.status_code == 200
    assert "not your password" in response.content.decode()
    person.refresh_from_db()
    assert person.is_active


def test_delete_view_deletes_and_signs_out(client_for, person):
    client = client_for(person)

    response = client.post(
        "/en/partners/account/delete/", {"password": DEFAULT_PASSWORD, "confirm": "on"}
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_active
    assert client.get("/en/partners/account/").status_code == 302  # signed out
    assert not client.login(username=person.username, password=DEFAULT_PASSWORD)


def test_deleted_person_cannot_sign_in_with_the_old_address(client, person):
    services.delete_account(person)

    response = client.post(
        "/en/accounts/login/", {"login": "person@example.org", "password": DEFAULT_PASSWORD}
    )

    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_a_fresh_account_can_later_use_the_same_address(person):
    services.delete_account(person)

    newcomer = UserFactory(username="newcomer", email="person@example.org")

    assert EmailAddress.objects.get(email="person@example.org").user == newcomer


def test_profile_model_has_no_personal_field_left_unscrubbed():
    """Guards delete_account when someone adds a field to Profile."""
    scrubbed = {
        "display_name",
        "real_name",
        "languages",
        "language",
        "bio",
        "show_organisation",
        "show_real_name",
        "allow_contact",
    }
    bookkeeping = {"id", "user", "deleted_at"}
    fields = {
        f.name
        for f in Profile._meta.get_fields()
        if isinstance(f, models.Field) and not f.auto_created or f.name == "id"
    }
    assert fields == scrubbed | bookkeeping
