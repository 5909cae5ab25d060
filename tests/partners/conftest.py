"""Fixtures for the partners tests: organisations, an organisation admin, partner staff, and
a helper that reads the invitation link out of the last mail."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from partners.factories import MembershipFactory, OrganisationFactory, UserFactory
from partners.models import Membership


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Centre for Rights", is_listed=True)


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Other Network")


@pytest.fixture
def org_admin(organisation):
    return MembershipFactory(
        user__username="orgadmin", organisation=organisation, role=Membership.Role.ADMIN
    ).user


@pytest.fixture
def colleague(organisation):
    """A plain member of ``organisation``."""
    return MembershipFactory(user__username="colleague", organisation=organisation).user


@pytest.fixture
def outsider_member(other_organisation):
    """A member of another organisation."""
    return MembershipFactory(user__username="elsewhere", organisation=other_organisation).user


@pytest.fixture
def partner_staff(db, enrol_mfa):
    """Staff allowed to manage partners: the Wagtail permissions on the partners models."""
    user = UserFactory(username="partnerstaff", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="partners"),
        Permission.objects.get(codename="access_admin"),
    )
    return enrol_mfa(user)


@pytest.fixture
def invitation_link():
    """``invitation_link()``: the path of the invitation link in the newest mail."""

    def find(index=-1):
        body = mail.outbox[index].body
        match = re.search(r"http://testserver(/\w\w/partners/invitations/[\w-]+/)", body)
        assert match, body
        return match.group(1)

    return find


@pytest.fixture
def enrol_mfa():
    """``enrol_mfa(user)``: give a staff user a second factor, as the staff MFA middleware
    requires before any other page."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    def enrol(user):
        TOTP.activate(user, generate_totp_secret())
        return user

    return enrol
