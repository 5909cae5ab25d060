from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model

from . import access


class AuthenticationBackend(AllauthBackend):
    """allauth's backend; the session's user arrives knowing whether it is a verified member."""

    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.annotate(
                gpe_verified_member=access.verified_member_annotation()
            ).get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
