from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from django.shortcuts import redirect
from django.urls import reverse

from . import access

# Paths a staff member without MFA may still reach: enrolment itself, sign-out, assets.
_OPEN_URL_NAMES = (
    "mfa_activate_totp",
    "mfa_index",
    "account_logout",
    "mfa_generate_recovery_codes",
    "mfa_view_recovery_codes",
    "mfa_add_webauthn",
)


class StaffMFARequiredMiddleware:
    """Staff must enrol a second factor before they can do anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and access.is_staff(user)
            and not request.path.startswith(("/static/", "/media/"))
            and not get_mfa_adapter().is_mfa_enabled(user)
        ):
            open_paths = {_reverse_or_none(name) for name in _OPEN_URL_NAMES}
            if request.path not in open_paths:
                return redirect("mfa_activate_totp")
        return self.get_response(request)


def _reverse_or_none(name):
    try:
        return reverse(name)
    except Exception:  # noqa: BLE001 - a URL missing from this allauth version is just not open
        return None
