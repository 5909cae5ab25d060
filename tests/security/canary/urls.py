"""Every URL the site has, from the URL resolver, filled with the planted objects.

Front-end patterns are all requested: a pattern with arguments needs values from an app's
``url_values`` (else ``missing`` names it). Admin patterns with arguments are filled from the
view's model (Wagtail's viewsets name it) or the page they are about; the few that take
something no planted content has (a workflow task state, an upload in progress) are listed in
``ADMIN_NOT_REACHED`` with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Model
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation
from wagtail.models import Page, Revision

# Requests that would end the session or change what the other requests see.
NOT_REQUESTED = {
    "account_logout": "ends the session",
    "wagtailadmin_logout": "ends the session",
    "wagtailadmin_error_test": "raises on purpose",
}

_PARAMETER = re.compile(r"<(?:[^>:]+:)?([^>]+)>|\(\?P<(\w+)>|\((?!\?)")
_PAGE_PARAMETERS = {"page_id", "parent_page_id", "page_to_move_id", "page_pk"}
ADMIN_NOT_REACHED = {
    "task_state_id": "a workflow task in progress: the canary starts no workflow",
    "workflow_state_id": "a workflow in progress: the canary starts no workflow",
    "task_id": "a workflow task: none carries content",
    "translation_id": "a wagtail-localize translation: the canary makes none",
    "translation_source_id": "a wagtail-localize source: the canary makes none",
    "string_segment_id": "a translation segment: the canary makes none",
    "overridable_segment_id": "a translation segment: the canary makes none",
    "uploaded_file_id": "an upload in progress",
    "session_id": "an editing session",
    "restriction_id": "a document password restriction: the canary uses none",
    "page_view_restriction_id": "a page password restriction: the canary uses none",
    "destination_id": "a move's confirmation (the move view itself is requested)",
    "uidb64": "a password-reset link's secret",
    "filter_spec": "an image preview: the canary has no CMS images (yet)",
    "content_type_app_name": "adding a page of a type (creates nothing, shows no content)",
    "app_label": "a model chosen by name: the views for each model are requested",
    "app_name": "a model chosen by name: the views for each model are requested",
    "action_name": "a workflow or page action",
    "object_id": "an editing session",
}


def admin_guarded(callback) -> bool:
    """Whether a view sits behind Wagtail's ``require_admin_access`` (every pattern of
    ``wagtail.admin.urls`` but the login, password-reset, sprite and JavaScript catalogue)."""
    while callback is not None:
        # functools.wraps copies names; the code object keeps the wrapper's own.
        code = getattr(callback, "__code__", None)
        if code is not None and code.co_qualname.startswith("require_admin_access."):
            return True
        callback = getattr(callback, "__wrapped__", None)
    return False


@dataclass(frozen=True)
class Pattern:
    route: str  # readable, e.g. "en/forum/t/<id:pk>/"
    name: str | None  # "forum:topic"
    parameters: tuple[str, ...]
    callback: object
    chain: tuple

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("admin/")


def _parameters(pattern) -> list[str]:
    if isinstance(pattern, RoutePattern):
        return [m.group(1) for m in _PARAMETER.finditer(str(pattern._route)) if m.group(1)]
    if isinstance(pattern, RegexPattern):
        names = []
        for index, match in enumerate(_PARAMETER.finditer(pattern._regex)):
            names.append(match.group(2) or f"_{index}")
        return names
    return []


def walk(resolver=None, prefix=(), namespace=()) -> list[Pattern]:
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        chain = (*prefix, entry.pattern)
        if isinstance(entry, URLResolver):
            space = (*namespace, entry.namespace) if entry.namespace else namespace
            found += walk(entry, chain, space)
        else:
            name = ":".join((*namespace, entry.name)) if entry.name else None
            parameters = tuple(p for part in chain for p in _parameters(part))
            route = "".join(str(part) for part in chain)
            found.append(Pattern(route, name, parameters, entry.callback, chain))
    return found


def _plain(pattern: Pattern) -> str:
    parts = []
    for part in pattern.chain:
        if isinstance(part, LocalePrefixPattern):
            parts.append("en/")
        elif isinstance(part, RoutePattern):
            parts.append(str(part._route))
        else:
            parts.append(part._regex.removeprefix("^").removesuffix("$").replace("\\", ""))
    return "/" + "".join(parts)


def _view_model(pattern: Pattern):
    initkwargs = getattr(pattern.callback, "view_initkwargs", {}) or {}
    model = initkwargs.get("model")
    if model is None:
        model = getattr(getattr(pattern.callback, "view_class", None), "model", None)
    return model if isinstance(model, type) and issubclass(model, Model) else None


def _admin_values(pattern: Pattern, pages: list[int]) -> list[dict] | str:
    """Values for an admin pattern, or the reason it is not requested."""
    parameters = set(pattern.parameters)
    for parameter in sorted(parameters):
        if parameter in ADMIN_NOT_REACHED:
            return f"{parameter}: {ADMIN_NOT_REACHED[parameter]}"
    if pattern.name and pattern.name.endswith("revisions_compare"):
        return [{"pk": pk, "revision_id_a": "earliest", "revision_id_b": "latest"} for pk in pages]
    if "revision_id" in parameters:
        revisions = Revision.page_revisions.filter(object_id__in=[str(pk) for pk in pages])
        return [
            {"page_id": int(revision.object_id), "revision_id": revision.pk}
            for revision in revisions
        ]
    if parameters <= _PAGE_PARAMETERS:
        (parameter,) = parameters
        return [{parameter: pk} for pk in pages]
    model = _view_model(pattern)
    if model is None and "/pages/" in pattern.route:
        model = Page
    if parameters - {"pk", "image_id", "document_id", "doc_id", "redirect_id", "collection_id"}:
        return f"{sorted(parameters)}: no filler"
    if model is None:
        return f"{sorted(parameters)}: the view names no model"
    (parameter,) = parameters
    pks = list(model._default_manager.order_by("-pk").values_list("pk", flat=True)[:5])
    return [{parameter: pk} for pk in pks]


def requests(values: dict[str, list], *, admin: str) -> tuple[list[tuple], dict, list]:
    """(requests, not requested {route: reason}, missing front-end routes). ``admin`` is
    "all" (staff) or "plain" (admin patterns without arguments, those behind Wagtail's admin
    check only as ``/admin/`` itself).

    For "plain" roles (no admin access) the admin patterns behind ``require_admin_access``
    answer alike: the check runs before the view and redirects to the sign-in (anonymous) or
    the home page (signed in without ``wagtailadmin.access_admin``); requesting each of the
    ~150 listing pages proved the same check each time, so ``/admin/`` stands for them all
    (``tests/gpe_site`` tests the check itself). The admin's own unguarded views (sign-in,
    password reset) and this site's admin-prefixed views (page chooser, tag autocomplete) are
    still requested one by one."""
    # The admin's page views, for the pages an app names (one of each kind), else all.
    pages = values.get("_admin_pages") or list(
        Page.objects.filter(depth__gt=1).values_list("pk", flat=True)
    )
    wanted, skipped, missing = [], {}, []
    with translation.override("en"):
        for pattern in walk():
            if pattern.name in NOT_REQUESTED or (pattern.name or "").split(":")[-1] in (
                NOT_REQUESTED
            ):
                skipped[pattern.route] = NOT_REQUESTED.get(pattern.name) or NOT_REQUESTED.get(
                    pattern.name.split(":")[-1]
                )
                continue
            if (
                admin != "all"
                and pattern.is_admin
                and pattern.route != "admin/"
                and admin_guarded(pattern.callback)
            ):
                skipped[pattern.route] = "behind Wagtail's admin check: /admin/ stands for it"
                continue
            if not pattern.parameters:
                if "^" in pattern.route and ".*" in pattern.route:
                    skipped[pattern.route] = "a catch-all"
                    continue
                wanted.append(("get", _plain(pattern), {}))
                continue
            if isinstance(values.get(pattern.name), str):
                skipped[pattern.route] = values[pattern.name]
                continue
            if pattern.name is None:
                skipped[pattern.route] = "unnamed: answers 404 (tests/gpe_site/test_urls.py)"
                continue
            if pattern.is_admin:
                if admin != "all":
                    skipped[pattern.route] = "admin views with arguments: staff only"
                    continue
                found = values.get(pattern.name) or _admin_values(pattern, pages)
                if isinstance(found, str):
                    skipped[pattern.route] = found
                    continue
            else:
                found = values.get(pattern.name)
                if not found:
                    missing.append(pattern.route)
                    continue
            for value in found:
                if isinstance(value, tuple):
                    url = reverse(pattern.name, args=value)
                else:
                    url = reverse(pattern.name, kwargs=value)
                wanted.append(("get", url, {}))
    return wanted, skipped, missing


def distinct(requests: list[tuple]) -> list[tuple]:
    """Each (method, path, data) once, in order: apps and patterns may name the same URL."""
    seen, kept = set(), []
    for method, path, data in requests:
        key = (method, path, tuple(sorted((k, str(v)) for k, v in data.items())))
        if key not in seen:
            seen.add(key)
            kept.append((method, path, data))
    return kept
