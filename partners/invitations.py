"""The invitation a browser is signing up with.

Opening an invitation link stores its key in the session (``remember``); allauth's sign-up is
open only while that key belongs to a pending invitation (``AccountAdapter.is_open_for_signup``)
and only for the address it was sent to (``AccountAdapter.clean_email``).
"""

from __future__ import annotations

from .models import Invitation

SESSION_KEY = "gpe_invitation_key"
_REQUEST_CACHE = "_gpe_pending_invitation"


def remember(request, key: str) -> None:
    request.session[SESSION_KEY] = key
    request.__dict__.pop(_REQUEST_CACHE, None)


def forget(request) -> None:
    request.session.pop(SESSION_KEY, None)
    request.__dict__.pop(_REQUEST_CACHE, None)


def pending_invitation(request) -> Invitation | None:
    """The valid invitation this browser is signing up with, or None.

    One query per request: sign-up asks several times (open? right address? save).
    """
    if request is None or not hasattr(request, "session"):
        return None
    key = request.session.get(SESSION_KEY)
    cached = request.__dict__.get(_REQUEST_CACHE)
    if cached is not None and cached[0] == key:
        return cached[1]
    invitation = Invitation.objects.for_key(key)
    if invitation is not None and not invitation.is_pending:
        invitation = None
    request.__dict__[_REQUEST_CACHE] = (key, invitation)
    return invitation
