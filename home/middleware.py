"""Site-wide request handling for every app (the shared base)."""

import time
from urllib.parse import urlparse

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_cache_control
from wagtail.contrib.redirects.middleware import RedirectMiddleware, get_redirect
from wagtail.contrib.redirects.models import Redirect

from partners import access

from .converters import MAX_ID


def _out_of_range(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return not 0 <= value <= MAX_ID
    # Regex patterns (Wagtail's documents, revisions) pass their \d+ ids as text.
    return isinstance(value, str) and value.isascii() and value.isdigit() and int(value) > MAX_ID


class IdRangeMiddleware:
    """A 404 for any URL id that no database row can have, before the view runs.

    Our own patterns use ``<id:…>`` (home.converters), which never matches such a number;
    Wagtail's and allauth's use ``<int:…>``, and a number past 64 bits makes some of their
    lookups fail with a 500 (SQLite cannot even bind it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if any(_out_of_range(value) for value in (*view_args, *view_kwargs.values())):
            raise Http404
        return None


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every response to a signed-in person: devices
    get seized, and a cached member page shows names, posts and the email address.

    Restricted responses to people who are not signed in set it where they are made:
    Wagtail's view-restricted pages (its ``check_view_restrictions`` hook adds never-cache
    headers) and the forum's private feeds. Static files never get here (WhiteNoise answers
    them first), so they stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Adds to what the view said (never_cache says more); "public" is dropped.
            patch_cache_control(response, private=True, no_store=True)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with Wagtail's admin under its own, looser policy (without a
    nonce: a nonce would make browsers ignore the 'unsafe-inline' the admin needs), single
    pages' additions (``GPE_CSP_ADDITIONS``) and the ``Permissions-Policy`` header."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith("/admin/"):
            parts.config = dict(settings.GPE_ADMIN_CONTENT_SECURITY_POLICY)
            parts.nonce = None
        if getattr(request, "is_dummy", False):
            # Wagtail renders a preview through the middleware as a request for the page
            # itself; the editor shows it in a frame of the admin, on this origin.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        match = getattr(request, "resolver_match", None)
        additions = settings.GPE_CSP_ADDITIONS.get(match.url_name if match else None)
        if additions:
            parts.update = {**additions, **(parts.update or {})}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class SlidingSessionMiddleware:
    """A signed-in session's expiry moves on with use (``SESSION_COOKIE_AGE`` after the last
    request), but is written at most every ``REFRESH_SECONDS``, not on every request."""

    REFRESH_SECONDS = 5 * 60
    KEY = "gpe_session_refreshed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= self.REFRESH_SECONDS:
                # Marks the session modified: SessionMiddleware (outside this one) saves it
                # with a fresh expiry.
                session[self.KEY] = now
        return response


def mark_session_fresh(sender, request, user, **kwargs):
    """At sign-in the session is new: no refresh needed on the next request."""
    if hasattr(request, "session"):
        request.session[SlidingSessionMiddleware.KEY] = int(time.time())


class AccessCheckedRedirectMiddleware(RedirectMiddleware):
    """Wagtail's redirects (kept when a page moves or changes its slug), followed only to a
    page the visitor may see: to anyone else the old address stays a 404, since the redirect
    would name where the page went (its restricted section's address)."""

    def process_response(self, request, response):
        redirected = super().process_response(request, response)
        if redirected is response:
            return response
        path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
        redirect = get_redirect(request, path) or get_redirect(request, urlparse(path).path)
        page = redirect.redirect_page if redirect is not None else None
        if page is not None and not access.can_serve_page(request.user, page):
            return response
        return redirected
