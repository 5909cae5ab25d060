from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from . import access
from .backends import mfa_required_annotation

# What a staff member without a second factor may still reach: enrolment, sign-out, assets.
_OPEN_URL_NAMES = {"account_logout", "account_reauthenticate", "account_login"}


def mfa_required(user) -> bool:
    """Staff, and members of an organisation that requires it, must use a second factor."""
    if access.is_staff(user):
        return True
    required = getattr(user, "gpe_mfa_required", None)
    if required is None:  # a user not loaded by partners.backends
        users = get_user_model()._default_manager.annotate(required=mfa_required_annotation())
        required = users.filter(pk=user.pk, required=True).exists()
    return bool(required)


class StaffMFARequiredMiddleware:
    """Staff, and members of organisations that require it, must enrol a second factor before
    they can do anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and mfa_required(user)
            and not _is_open(request.path_info)
            and not get_mfa_adapter().is_mfa_enabled(user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _is_open(path):
    if path.startswith(("/static/", "/media/")):
        return True
    try:
        name = resolve(path).url_name or ""
    except Resolver404:
        return False
    return name.startswith("mfa_") or name in _OPEN_URL_NAMES
