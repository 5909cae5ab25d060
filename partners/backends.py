from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from . import access
from .models import Membership


def mfa_required_annotation() -> Exists:
    """True for members of an organisation that requires a second factor."""
    return Exists(Membership.objects.filter(user=OuterRef("pk"), organisation__require_mfa=True))


class AuthenticationBackend(AllauthBackend):
    """allauth's backend; the session's user arrives knowing whether it is a verified member
    and whether an organisation of theirs requires a second factor (no query of its own)."""

    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.annotate(
                gpe_verified_member=access.verified_member_annotation(),
                gpe_mfa_required=mfa_required_annotation(),
            ).get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
