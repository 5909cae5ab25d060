"""The security log: sign-ins, failures and refusals, each with its time, the user's id and the
request's id; nothing else about the person.

Never logged: passwords, codes, tokens, email addresses or bodies, what a refused page holds
(a URL's slugs are titles, so refusals name the route, not the path) and IP addresses. Django's
own request warnings ("Not Found: /path") are rewritten the same way.
"""

from __future__ import annotations

import logging
import uuid
from contextvars import ContextVar

logger = logging.getLogger("gpe.security")

_current_request: ContextVar = ContextVar("gpe_current_request", default=None)


def _user_id(request) -> int | None:
    # Django's AuthenticationMiddleware keeps the loaded user here; reading it costs no query.
    user = getattr(request, "_cached_user", None) if request is not None else None
    return user.pk if user is not None and user.is_authenticated else None


def event(name: str, *, request=None, user_id: int | None = None, **fields) -> None:
    """Log one security event. ``fields`` must be ids, numbers or routes, never content."""
    request = request if request is not None else _current_request.get()
    if user_id is None:
        user_id = _user_id(request)
    details = " ".join(f"{key}={value}" for key, value in fields.items())
    logger.info(
        "%s %s",
        name,
        details,
        extra={
            "event": name,
            "user_id": user_id,
            "request_id": getattr(request, "request_id", None),
            **fields,
        },
    )


class RequestContextFilter(logging.Filter):
    """Puts ``request_id`` and ``user_id`` on every record (None outside a request)."""

    def filter(self, record):
        # Django logs a response's warning after the middleware is done: it hands the request.
        request = getattr(record, "request", None) or _current_request.get()
        if not hasattr(record, "request_id"):
            record.request_id = getattr(request, "request_id", None)
        if not hasattr(record, "user_id"):
            record.user_id = _user_id(request)
        return True


class RouteInsteadOfPathFilter(logging.Filter):
    """Django logs "Not Found: <path>"; a path holds titles (slugs) of what was refused. Log
    the matched route instead."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if request is not None and isinstance(record.args, tuple):
            match = getattr(request, "resolver_match", None)
            route = match.route if match else "[no route]"
            paths = {request.path, request.get_full_path()}
            record.args = tuple(route if arg in paths else arg for arg in record.args)
        return True


class RequestIdMiddleware:
    """Gives each request an id (answered as ``X-Request-ID``, for support) and logs refusals:
    a 403, or a 404 from a view (which is how a refusal of something hidden looks)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = uuid.uuid4().hex
        token = _current_request.set(request)
        try:
            response = self.get_response(request)
            match = getattr(request, "resolver_match", None)
            if response.status_code in (403, 404) and match is not None:
                event("denied", request=request, status=response.status_code, route=match.route)
        finally:
            _current_request.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


# --- Sign-in events (connected by HomeConfig.ready: logging is configured before apps load) --


def log_sign_in(sender, request, user, **kwargs):
    event("signed in", request=request, user_id=user.pk)


def log_sign_out(sender, request, user, **kwargs):
    event("signed out", request=request, user_id=getattr(user, "pk", None))


def log_sign_in_failure(sender, credentials, request=None, **kwargs):
    """The account the attempt named, by id (None for an unknown address); not the address."""
    from allauth.account.models import EmailAddress

    login = credentials.get("email") or credentials.get("username") or ""
    user_id = (
        EmailAddress.objects.filter(email__iexact=login).values_list("user_id", flat=True).first()
        if login
        else None
    )
    event("sign-in failed", request=request, user_id=user_id)


def log_second_factor_failure(sender, request, user, **kwargs):
    event("second factor failed", request=request, user_id=user.pk)


def connect_signals() -> None:
    from allauth.mfa import signals as mfa_signals
    from django.contrib.auth import signals as auth_signals

    auth_signals.user_logged_in.connect(log_sign_in, dispatch_uid="gpe-log-sign-in")
    auth_signals.user_logged_out.connect(log_sign_out, dispatch_uid="gpe-log-sign-out")
    auth_signals.user_login_failed.connect(log_sign_in_failure, dispatch_uid="gpe-log-failure")
    mfa_signals.authentication_failed.connect(
        log_second_factor_failure, dispatch_uid="gpe-log-mfa-failure"
    )
