"""The member directory and profile pages: members only, every privacy switch honoured,
a fixed number of queries."""

import pytest
from django.core import mail
from django.utils import timezone

from partners.factories import MembershipFactory, OrganisationFactory
from partners.models import Profile

from ..conftest import MEMBER_CHROME

pytestmark = pytest.mark.django_db

DIRECTORY = "/en/partners/members/"


def profile_url(user):
    return f"/en/partners/members/{user.pk}/"


def make_member(username, organisation, **switches):
    user = MembershipFactory(user__username=username, organisation=organisation).user
    Profile.objects.filter(user=user).update(
        display_name=f"{username.title()} Display",
        real_name=f"{username.title()} Realname",
        languages="French, Arabic",
        bio=f"{username} works on detention monitoring.",
        **switches,
    )
    user.refresh_from_db()
    return user


@pytest.fixture
def hidden_org(db):
    return OrganisationFactory(name="Quiet Collective", is_listed=False)


@pytest.fixture
def open_member(hidden_org):
    """Shows everything there is to show."""
    return make_member(
        "opal", hidden_org, show_real_name=True, show_organisation=True, allow_contact=True
    )


@pytest.fixture
def private_member(hidden_org):
    """All switches off (the default)."""
    return make_member("pria", hidden_org)


def test_directory_is_for_members_only(client, client_for, non_member, member):
    assert client.get(DIRECTORY).status_code == 302  # to sign in
    assert client_for(non_member).get(DIRECTORY).status_code == 404
    assert client_for(member).get(DIRECTORY).status_code == 200


def test_directory_honours_every_privacy_switch(client_for, member, open_member, private_member):
    page = client_for(member).get(DIRECTORY).content.decode()

    assert "Opal Display" in page
    assert "Opal Realname" in page
    assert "Quiet Collective" in page
    assert f"/en/partners/members/{open_member.pk}/contact/" in page

    assert "Pria Display" in page
    assert "Pria Realname" not in page
    assert f"/en/partners/members/{private_member.pk}/contact/" not in page
    # Quiet Collective appears once: for Opal only.
    assert page.count("Quiet Collective") == 1

    for user in (open_member, private_member, member):
        assert user.email not in page


def test_directory_search_never_matches_what_is_hidden(client_for, member, private_member):
    client = client_for(member)

    assert "Pria Display" in client.get(DIRECTORY, {"q": "pria display"}).content.decode()
    assert "Pria Display" not in client.get(DIRECTORY, {"q": "Realname"}).content.decode()
    assert "Pria Display" not in client.get(DIRECTORY, {"q": "Quiet"}).content.decode()


def test_directory_search_matches_what_is_shown(client_for, member, open_member):
    client = client_for(member)

    assert "Opal Display" in client.get(DIRECTORY, {"q": "opal realname"}).content.decode()
    assert "Opal Display" in client.get(DIRECTORY, {"q": "quiet"}).content.decode()


def test_directory_leaves_out_people_who_are_not_members(
    client_for, member, non_member, hidden_org
):
    deactivated = make_member("gone", hidden_org)
    deactivated.is_active = False
    deactivated.save()
    unverified = MembershipFactory(user__username="unverified", user__verified=False).user
    deleted = make_member("deleted", hidden_org)
    Profile.objects.filter(user=deleted).update(deleted_at=timezone.now())

    page = client_for(member).get(DIRECTORY).content.decode()

    assert non_member.profile.display_name not in page
    assert "Gone Display" not in page
    assert unverified.profile.display_name not in page
    assert "Deleted Display" not in page


def test_directory_queries_do_not_grow_with_members(
    client_for, member, hidden_org, django_assert_num_queries
):
    client = client_for(member)
    for number in range(3):
        make_member(f"few{number}", hidden_org, show_organisation=True)
    client.get(DIRECTORY)  # warm up: content types, site
    # MEMBER_CHROME (tests/conftest.py), plus: the count of profiles, the page of profiles
    # with their users, their memberships with organisations.
    with django_assert_num_queries(MEMBER_CHROME + 3) as few:
        client.get(DIRECTORY)
    for number in range(25):
        make_member(f"many{number}", OrganisationFactory(), show_organisation=True)
    with django_assert_num_queries(len(few)):
        response = client.get(DIRECTORY)
    assert response.content.decode().count('class="card member-card"') == 29


def test_profile_page_honours_every_privacy_switch(client_for, member, private_member):
    page = client_for(member).get(profile_url(private_member)).content.decode()

    assert "Pria Display" in page
    assert "works on detention monitoring" in page
    assert "Pria Realname" not in page
    assert "Quiet Collective" not in page
    assert private_member.email not in page
    assert "/contact/" not in page


def test_profile_page_shows_what_the_member_switched_on(client_for, member, open_member):
    page = client_for(member).get(profile_url(open_member)).content.decode()

    assert "Opal Realname" in page
    assert "Quiet Collective" in page
    assert f"/en/partners/members/{open_member.pk}/contact/" in page
    assert open_member.email not in page


def test_profile_shows_the_email_to_its_owner_and_staff_only(
    client_for, private_member, superuser, enrol_mfa
):
    own = client_for(private_member).get(profile_url(private_member)).content.decode()
    assert private_member.email in own
    assert "Pria Realname" in own  # the owner sees it, marked as hidden from others
    assert "only you" in own

    staff = client_for(enrol_mfa(superuser)).get(profile_url(private_member)).content.decode()
    assert private_member.email in staff
    assert "Pria Realname" not in staff  # switches bind staff too; only the email is theirs


def test_profile_page_is_404_outside_the_directory(
    client, client_for, member, non_member, private_member
):
    assert client_for(non_member).get(profile_url(private_member)).status_code == 404
    # A signed-in non-member has no public profile either.
    assert client_for(member).get(profile_url(non_member)).status_code == 404
    client.logout()
    assert client.get(profile_url(private_member)).status_code == 302


def test_profile_page_queries_are_fixed(
    client_for, member, open_member, hidden_org, django_assert_num_queries
):
    client = client_for(member)
    client.get(profile_url(open_member))
    # MEMBER_CHROME, plus: the profile with its user, its memberships with organisations.
    with django_assert_num_queries(MEMBER_CHROME + 2) as few:
        client.get(profile_url(open_member))
    for _number in range(10):
        MembershipFactory(user=open_member)
    with django_assert_num_queries(len(few)):
        client.get(profile_url(open_member))


# --- Editing one's profile -----------------------------------------------------------------


def profile_form(**changes):
    data = {
        "display_name": "Night Heron",
        "real_name": "Amina Example",
        "languages": "Arabic, French",
        "language": "ar",
        "bio": "Lawyer.",
        "show_real_name": "",
        "show_organisation": "on",
        "allow_contact": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_member_edits_their_profile(client_for, member):
    response = client_for(member).post("/en/partners/account/", profile_form())

    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.display_name == "Night Heron"
    assert profile.language == "ar"  # emails will reach them in Arabic
    assert profile.show_organisation and not profile.show_real_name and not profile.allow_contact


def test_display_name_may_not_hold_an_email_address(client_for, member):
    response = client_for(member).post(
        "/en/partners/account/", profile_form(display_name="amina@example.org")
    )

    assert response.status_code == 200
    assert 'value="amina@example.org"' in response.content.decode()  # nothing typed is lost
    assert Profile.objects.get(user=member).display_name != "amina@example.org"


def test_display_name_is_unique_ignoring_case(client_for, member, private_member):
    response = client_for(member).post(
        "/en/partners/account/", profile_form(display_name="pria DISPLAY")
    )

    assert response.status_code == 200
    assert "already uses this display name" in response.content.decode()


def test_account_page_needs_sign_in(client):
    assert client.get("/en/partners/account/").status_code == 302


# --- Direct contact ------------------------------------------------------------------------


def test_contact_relays_without_revealing_the_recipient(client_for, member, open_member):
    response = client_for(member).post(
        f"/en/partners/members/{open_member.pk}/contact/", {"message": "Shall we talk?"}
    )

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [open_member.email]
    assert message.reply_to == [member.email]
    assert "Shall we talk?" in message.body
    assert member.profile.display_name in message.subject


def test_contact_is_404_when_the_member_does_not_allow_it(client_for, member, private_member):
    response = client_for(member).post(
        f"/en/partners/members/{private_member.pk}/contact/", {"message": "Hello"}
    )

    assert response.status_code == 404
    assert not mail.outbox


def test_contact_sends_nothing_if_permission_is_withdrawn_before_sending(member, open_member):
    from partners import tasks

    Profile.objects.filter(user=open_member).update(allow_contact=False)

    tasks.send_contact_message.call(member.pk, open_member.pk, "Hello")

    assert not mail.outbox


def test_contact_is_rate_limited(client_for, member, open_member):
    client = client_for(member)
    url = f"/en/partners/members/{open_member.pk}/contact/"
    for _number in range(10):
        client.post(url, {"message": "Hello"})

    response = client.post(url, {"message": "One more"})

    assert response.status_code == 429
    assert "One more" in response.content.decode()
    assert len(mail.outbox) == 10


def test_non_member_cannot_contact(client_for, non_member, open_member):
    response = client_for(non_member).get(f"/en/partners/members/{open_member.pk}/contact/")

    assert response.status_code == 404
