"""allauth adapters: who may sign up, and MFA secrets encrypted at rest."""

import base64
import hashlib
import secrets

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import user_username
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

_ENCRYPTED_PREFIX = "fernet:"


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up by invitation only.

    Opening an invitation link (``partners.views.InvitationView``) remembers its key in the
    session and stashes the invited address with allauth's ``stash_verified_email``. Sign-up is
    then open for that address alone; saving the user uses the invitation up and adds the
    membership. Because the link reached that mailbox, allauth marks the stashed address
    verified and sends no second confirmation mail (its documented invitation hook). Any
    other address, or a used, revoked or expired invitation, keeps sign-up closed.
    """

    def get_client_ip(self, request):
        """Rate limits count under the real client's address (see home.ratelimit)."""
        from home.ratelimit import client_ip

        return client_ip(request)

    def is_open_for_signup(self, request):
        from .invitations import pending_invitation

        return pending_invitation(request) is not None

    def clean_email(self, email):
        from .invitations import pending_invitation

        email = super().clean_email(email)
        invitation = pending_invitation(context.request)
        if invitation is not None and email.strip().lower() != invitation.email:
            raise ValidationError(
                _("Sign up with the address your invitation was sent to: %(email)s"),
                params={"email": invitation.email},
                code="invitation_email",
            )
        return email

    def populate_username(self, request, user):
        """Usernames are never shown, and are not derived from the email so that nothing built
        on them can leak it."""
        users = get_user_model()._default_manager
        while True:
            username = f"member-{secrets.token_hex(5)}"
            if not users.filter(username=username).exists():
                break
        user_username(user, username)

    def get_login_redirect_url(self, request):
        """Back to the home page in the language the person was reading (the sign-in and MFA
        URLs carry it): "/" would pick the browser's language instead."""
        return _home_url()

    def get_logout_redirect_url(self, request):
        return _home_url()

    def get_email_verification_redirect_url(self, email_address):
        if context.request.user.is_authenticated:
            return reverse("partners:account")
        return reverse("account_login")

    def get_signup_redirect_url(self, request):
        """New members start on their account page: the pseudonym is theirs to change."""
        messages.success(
            request,
            _("Welcome. Other members see you under a pseudonym; you can choose another below."),
        )
        return reverse("partners:account")

    def save_user(self, request, user, form, commit=True):
        from . import invitations, services
        from .models import Profile

        with transaction.atomic():
            invitation = invitations.pending_invitation(request)
            if invitation is None:
                messages.error(request, _("This invitation can no longer be used."))
                raise ImmediateHttpResponse(redirect("account_signup"))
            user = super().save_user(request, user, form, commit=True)
            try:
                services.accept_invitation(invitation, user)
                # A new account reads its emails in the language it was invited in.
                Profile.objects.filter(user=user).update(language=invitation.language)
            except services.InvitationNotValid:
                # Leaving the atomic block by raising rolls the new user back.
                messages.error(request, _("This invitation can no longer be used."))
                raise ImmediateHttpResponse(redirect("account_signup")) from None
        self.stash_verified_email(request, invitation.email)
        invitations.forget(request)
        return user


def _home_url() -> str:
    """The home page's URL in the active language: /ar/, /fr/, …"""
    from django.utils.translation import get_language

    return f"/{get_language() or settings.LANGUAGE_CODE}/"


def _fernet() -> Fernet:
    # A key of its own when set, so that rotating SECRET_KEY can be planned separately.
    secret = getattr(settings, "MFA_ENCRYPTION_KEY", "") or settings.SECRET_KEY
    digest = hashlib.sha256(f"gpe-mfa:{secret}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


class MFAAdapter(DefaultMFAAdapter):
    """allauth keeps TOTP secrets and recovery seeds readable by default; we encrypt them."""

    def encrypt(self, text: str) -> str:
        return _ENCRYPTED_PREFIX + _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        if not encrypted_text.startswith(_ENCRYPTED_PREFIX):
            raise ValueError("MFA secret is not encrypted")
        return _fernet().decrypt(encrypted_text[len(_ENCRYPTED_PREFIX) :].encode()).decode()
