"""Whole pages kept for visitors who are not signed in, and only for them.

Most readers of the public pages (the policy, the catalogue, public forum threads) are not
signed in, and every one of them gets the same page. ``PublicPageCacheMiddleware`` keeps such a
page in the shared cache and answers the next cookieless visitor from it, before sessions,
authentication, CSRF and the view run.

What may be kept — every condition, or the page is rendered as usual:

- the request: ``GET``, no session cookie and no messages cookie (whoever holds one may be
  signed in, or about to see a message), to a view listed in ``VIEWS`` (Wagtail's page
  serving and the forum's reading pages);
- the response, once rendered: status 200, not streamed, for a visitor who is not signed in,
  with no cookie set, no CSRF token rendered into it (a form), and no ``private``,
  ``no-store`` or ``no-cache`` (Wagtail's view-restricted pages and password forms say so; so
  does every response to a signed-in person).

Freshness: the key holds a *generation*, a token in the shared cache replaced whenever anything
a public page shows may have changed: any save, deletion or many-to-many change of a model that
is not pure bookkeeping (``BOOKKEEPING``: read markers, notifications, sessions …) — pages,
view restrictions, sites, posts, profiles, practices, events, registrations —, page moves and
publishing, and the forum's direct updates (edits, deletions, moves, reactions:
``changed()``). A page is kept ``TIMEOUT`` seconds at most (relative dates, "registration
closes …").

The nonce of the Content-Security-Policy is replaced in every answer from the cache, so no two
responses share one.

Bounded: every address with a new query string is a new key, so a flood of made-up addresses
could push out what else the shared cache holds (sessions, rate-limit counters). At most
``MAX_KEPT_PER_MINUTE`` pages are stored a minute (a counter per minute and generation; past
it pages are rendered as usual), each compressed (~5× smaller).
"""

from __future__ import annotations

import base64
import hashlib
import os
import zlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import cc_delim_re
from wagtail.signals import page_published, page_unpublished, post_page_move

from .generation import Generation

TIMEOUT = 60
MAX_KEPT_PER_MINUTE = 500
GENERATION_KEY = "gpe:pages:generation"
GENERATION = Generation(GENERATION_KEY)
NONCE_MARK = "\x00gpe-nonce\x00"

# The views whose pages may be kept (resolver view names).
VIEWS = frozenset({"wagtail_serve", "forum:index", "forum:category", "forum:topic"})

# Models whose rows no public page shows: saving them must not throw every kept page away.
BOOKKEEPING = frozenset(
    {
        "sessions.session",
        "admin.logentry",
        "wagtailcore.modellogentry",
        "wagtailcore.pagelogentry",
        "wagtailcore.pagesubscription",
        "wagtailcore.uploadedfile",
        "wagtailsearch.indexentry",
        "wagtailsearch.sqliteftsindexentry",
        "wagtailsearchpromotions.query",
        "wagtailsearchpromotions.querydailyhits",
        "wagtailcore.referenceindex",
        "wagtailcore.revision",
        "wagtailadmin.editingsession",
        "wagtailadmin.formstate",
        "home.outboxmessage",
        "home.retainedrevision",
        "forum.subscription",
        "forum.report",
        "wagtailusers.userprofile",
        "django_tasks_database.dbtaskresult",
        "forum.readstate",
        "forum.visit",
        "forum.mention",
        "forum.draft",
        "forum.bookmark",
        "forum.feedtoken",
        "forum.notificationpreference",
        "partners.notification",
        "search.querystat",
        "search.indexretry",
        "usersessions.usersession",
        "mfa.authenticator",
        "account.emailconfirmation",
    }
)


def generation() -> str:
    return GENERATION.current()


def changed(**_kwargs) -> None:
    """Every kept page is out of date (a signal receiver too)."""
    GENERATION.replace()


def _model_changed(sender, **kwargs):
    if sender._meta.label_lower not in BOOKKEEPING:
        changed()


def connect() -> None:
    """Called from ``HomeConfig.ready``: any save, deletion or many-to-many change of a model
    that is not bookkeeping (through models included)."""
    post_save.connect(_model_changed, dispatch_uid="gpe_pages_saved")
    post_delete.connect(_model_changed, dispatch_uid="gpe_pages_deleted")
    m2m_changed.connect(_m2m_changed, dispatch_uid="gpe_pages_m2m")
    # A move rewrites the tree's paths by direct updates (no save signal).
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(changed, dispatch_uid=f"gpe_pages_{id(signal)}")


def _m2m_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        _model_changed(sender)


def _key(request) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:  # Django answers it
        return None
    address = f"{host}{request.get_full_path()}".encode()
    digest = hashlib.blake2b(address, digest_size=16).hexdigest()
    return f"gpe:page:{generation()}:{digest}"


def _may_use(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _may_keep(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return (
        match is not None
        and match.view_name in VIEWS
        and response.status_code == 200
        and not response.streaming
        and user is not None
        and not user.is_authenticated
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not control & {"private", "no-store", "no-cache"}
    )


class PublicPageCacheMiddleware:
    """Off where ``GPE_PUBLIC_PAGE_CACHE`` is false (the test settings: page tests count the
    queries of rendering; tests/home/test_pagecache.py and the canary turn it on)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.GPE_PUBLIC_PAGE_CACHE or not _may_use(request):
            return self.get_response(request)
        key = _key(request)
        kept = cache.get(key) if key else None
        if kept is not None:
            return _answer(kept)
        response = self.get_response(request)
        if key and _may_keep(request, response) and GENERATION.allows("pages", MAX_KEPT_PER_MINUTE):
            cache.set(key, _stored(request, response), timeout=TIMEOUT)
        return response


def _stored(request, response) -> dict:
    nonce = getattr(request, "_csp_nonce", None)
    body = response.content.decode(response.charset)
    headers = dict(response.items())
    if nonce:
        body = body.replace(nonce, NONCE_MARK)
        headers = {name: value.replace(nonce, NONCE_MARK) for name, value in headers.items()}
    return {
        "body": zlib.compress(body.encode(response.charset), 1),
        "headers": headers,
        "charset": response.charset,
    }


def _answer(kept: dict) -> HttpResponse:
    nonce = base64.b64encode(os.urandom(16)).decode("ascii")  # as django-csp makes them
    body = zlib.decompress(kept["body"]).decode(kept["charset"])
    response = HttpResponse(body.replace(NONCE_MARK, nonce), charset=kept["charset"])
    for name, value in kept["headers"].items():
        if name.lower() != "content-length":
            response[name] = value.replace(NONCE_MARK, nonce)
    return response
