"""allauth adapters: who may sign up, and MFA secrets encrypted at rest."""

import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet
from django.conf import settings

_ENCRYPTED_PREFIX = "fernet:"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Sign-up is by invitation only; the invitation view opens it for one address."""
        from .invitations import pending_invitation

        return pending_invitation(request) is not None


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
