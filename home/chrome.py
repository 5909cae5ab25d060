"""The page tree data every page's header repeats (the site's home pages, the menu, a page's
translations), kept between requests.

What is kept is the *unfiltered* structure: live pages, as the database has them, for every
reader alike. Nothing here knows who is asking; ``home.templatetags.gpe_tags`` passes every
page through ``partners.access`` on every request, so a member's view is never stored, let
alone shared, and a new view restriction takes effect on the next request.

The view restriction tables (``partners.access`` reads them on nearly every request) are kept
the same way: every restriction with its node's path, type and groups, for everyone alike;
access decides per reader on each request.

Freshness: the entries belong to a *generation*, a random token in the shared cache (Redis in
production). Publishing, unpublishing, moving, saving or deleting a page, and changing a site,
replace the token at once and again when the transaction commits, so every worker drops its
entries on its next request. Each request reads the token once (one cache read, kept on the
request); the entries themselves live in the worker's memory, for at most ``MAX_AGE`` seconds
(a bound for caches that are not shared between processes, such as local memory).
"""

from __future__ import annotations

import time
from collections import OrderedDict

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .generation import Generation

GENERATION_KEY = "gpe:chrome:generation"
GENERATION = Generation(GENERATION_KEY)
MAX_AGE = 300
MAX_ENTRIES = 2000

_local: OrderedDict = OrderedDict()  # (generation, key) -> (stored at, value)


def generation(request=None) -> str:
    """The current token; read once per request (kept on ``request``)."""
    if request is not None and hasattr(request, "_gpe_chrome_generation"):
        return request._gpe_chrome_generation
    token = GENERATION.current()
    if request is not None:
        request._gpe_chrome_generation = token
    return token


def new_generation(**_kwargs) -> None:
    """Forget everything kept (a signal receiver: ``**_kwargs``)."""
    GENERATION.replace()


def _kept(request, key: tuple, compute):
    token = generation(request)
    now = time.monotonic()
    entry = _local.get((token, key))
    if entry is not None and now - entry[0] < MAX_AGE:
        return entry[1]
    value = compute()
    _local[(token, key)] = (now, value)
    _local.move_to_end((token, key))
    while len(_local) > MAX_ENTRIES:
        _local.popitem(last=False)
    return value


def site_for(request) -> Site | None:
    """``Site.find_for_request``, kept per host name and port."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    host = (request.get_host(), request.get_port())
    site = _kept(request, ("site", *host), lambda: Site.find_for_request(request))
    request._wagtail_site = site
    return site


def site_homes(request, site: Site) -> list[Page]:
    """The site's home page in every language (live translations), locales loaded."""
    return _kept(
        request,
        ("homes", site.pk),
        lambda: list(
            site.root_page.get_translations(inclusive=True).live().select_related("locale")
        ),
    )


def menu_candidates(request, home: Page) -> list[Page]:
    """The live children of ``home`` shown in menus, in tree order."""
    return _kept(request, ("menu", home.pk), lambda: list(home.get_children().live().in_menu()))


def translations(request, page: Page) -> list[Page]:
    """Live translations of ``page`` (itself included), locales loaded."""
    return _kept(
        request,
        ("translations", page.translation_key),
        lambda: list(page.get_translations(inclusive=True).live().select_related("locale")),
    )


def view_restrictions(model, compute):
    """Every restriction of ``model`` (``PageViewRestriction`` or
    ``CollectionViewRestriction``) as ``compute()`` gives it: plain values, nobody's view.
    Kept only where every worker shares the generation (``GPE_SHARED_CACHE``): a worker with a
    cache of its own would never hear of a restriction another worker added."""
    if not settings.GPE_SHARED_CACHE:
        return compute()
    return _kept(None, ("restrictions", model._meta.label), compute)


RESTRICTION_MODELS = (PageViewRestriction, CollectionViewRestriction)


def connect() -> None:
    """Called from ``HomeConfig.ready``."""
    page_published.connect(new_generation, dispatch_uid="gpe_chrome_published")
    page_unpublished.connect(new_generation, dispatch_uid="gpe_chrome_unpublished")
    post_page_move.connect(new_generation, dispatch_uid="gpe_chrome_moved")
    # Any save of a page too: code that saves a live page without publishing it (a draft
    # saved by an editor only costs a recomputation).
    post_save.connect(_page_changed, dispatch_uid="gpe_chrome_saved")
    post_delete.connect(_page_changed, dispatch_uid="gpe_chrome_deleted")
    post_save.connect(new_generation, sender=Site, dispatch_uid="gpe_chrome_site_saved")
    post_delete.connect(new_generation, sender=Site, dispatch_uid="gpe_chrome_site_deleted")
    # A restriction, its groups or a collection (its path) changed: access must see it on the
    # next request, on every worker.
    for model in (*RESTRICTION_MODELS, Collection):
        uid = f"gpe_chrome_{model._meta.label_lower}"
        post_save.connect(new_generation, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(new_generation, sender=model, dispatch_uid=f"{uid}_deleted")
    for model in RESTRICTION_MODELS:
        m2m_changed.connect(
            new_generation,
            sender=model.groups.through,
            dispatch_uid=f"gpe_chrome_{model._meta.label_lower}_groups",
        )


def _page_changed(sender, instance, **kwargs):
    if isinstance(instance, Page):
        new_generation()
