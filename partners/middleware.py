from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from . import access

# What a staff member without a second factor may still reach: enrolment, sign-out, assets.
_OPEN_URL_NAMES = {"account_logout", "account_reauthenticate", "account_login"}


class StaffMFARequiredMiddleware:
    """Staff must enrol a second factor before they can do anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and access.is_staff(user)
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
