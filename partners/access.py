"""The one place that answers "what may this user see".

Every surface (page, listing, search, feed, notification, email, attachment, API) asks here,
as a queryset filter or a yes/no check. Nobody filters visibility by hand in a view.

Audiences:
- public: anyone;
- members: signed-in, active users with a verified email and a membership in at least one
  organisation, or staff (superusers, ``is_staff``, the GPE staff groups);
- groups: members who also belong to one of the named Django groups.

Superusers and moderators see every audience-model row (moderators must be able to handle
any report). Pages follow Wagtail's view restrictions; see ``_restriction_allows``.

Facts about a user are computed once per user object and kept on it, which for a request
means once per request. A removed member loses access on their next request; code that keeps a
user object across changes (a task, a test) calls ``forget(user)`` first.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from wagtail.models import Page, PageViewRestriction

from .models import Audience, AudienceMixin, Membership

_CACHE_ATTRS = ("_gpe_groups", "_gpe_is_member", "_gpe_denied_paths")

MODERATORS = "Moderators"
EDITORS = "Editors"
EVENT_ORGANISERS = "Event organisers"


def forget(user) -> None:
    """Drop what this module remembered about ``user`` (after changing their access)."""
    for attr in (*_CACHE_ATTRS, "gpe_verified_member"):
        if hasattr(user, attr):
            delattr(user, attr)


def _remember(user, attr: str, compute):
    """``compute()`` once per user object. get/setattr also reach through request.user's
    lazy wrapper to the real user."""
    value = getattr(user, attr, _MISSING)
    if value is _MISSING:
        value = compute()
        setattr(user, attr, value)
    return value


_MISSING = object()


def _groups(user) -> dict[int, str]:
    """The user's Django groups as {id: name}: one query, remembered on the user."""
    if not user.is_authenticated or not user.is_active:
        return {}
    return _remember(user, "_gpe_groups", lambda: dict(user.groups.values_list("id", "name")))


def group_ids(user) -> frozenset[int]:
    return frozenset(_groups(user))


def in_group(user, name: str) -> bool:
    return name in _groups(user).values()


def is_staff(user) -> bool:
    """Site staff: superusers, Django staff, and the Moderators/Editors/Event organisers groups."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return any(name in settings.GPE_STAFF_GROUPS for name in _groups(user).values())


def is_moderator(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or in_group(user, MODERATORS))
    )


def sees_everything(user) -> bool:
    """Superusers and moderators: no audience hides anything from them."""
    return is_moderator(user)


def is_member(user) -> bool:
    """Signed in, active, verified email and an organisation membership; or staff."""
    if not user.is_authenticated or not user.is_active:
        return False
    return _remember(user, "_gpe_is_member", lambda: is_staff(user) or _is_verified_member(user))


def verified_member_annotation() -> Exists:
    """True for users with a verified email and a membership. The session's user is loaded
    with it (partners.backends), which saves each signed-in request a query."""
    from allauth.account.models import EmailAddress

    return Exists(Membership.objects.filter(user=OuterRef("pk"))) & Exists(
        EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    )


def _is_verified_member(user) -> bool:
    annotated = getattr(user, "gpe_verified_member", None)
    if annotated is not None:
        return annotated
    return (
        get_user_model()
        ._default_manager.filter(pk=user.pk)
        .filter(verified_member_annotation())
        .exists()
    )


# --- Models with an audience (AudienceMixin) -----------------------------------------------


def audience_filter(model: type[AudienceMixin], user) -> Q:
    """A Q over ``model`` (an AudienceMixin) keeping the rows ``user`` may see."""
    if sees_everything(user):
        return Q()
    q = Q(audience=Audience.PUBLIC)
    if is_member(user):
        q |= Q(audience=Audience.MEMBERS) | _in_users_groups(model, user)
    return q


def own_audience_filter(model: type[AudienceMixin], user) -> Q:
    """A Q keeping the rows whose audience counts ``user`` among its own members: any member
    for public and members audiences, the groups' members for a groups audience. Moderators'
    reach does not count; visitors and non-members belong to no audience. Used where being
    able to see a thing is not enough (a sensitive space's search results)."""
    if not is_member(user):
        return Q(pk__in=[])
    return Q(audience__in=[Audience.PUBLIC, Audience.MEMBERS]) | _in_users_groups(model, user)


def _in_users_groups(model, user) -> Q:
    ids = group_ids(user)
    if not ids:
        return Q(pk__in=[])
    # A subquery, not a join, so a row in two of the user's groups comes back once.
    groups_field = model._meta.get_field("groups")
    in_groups = groups_field.remote_field.through.objects.filter(group_id__in=ids).values(
        groups_field.m2m_field_name()
    )
    return Q(audience=Audience.GROUPS, pk__in=in_groups)


def visible(queryset: QuerySet, user, *, via: str = "") -> QuerySet:
    """Restrict ``queryset`` to what ``user`` may see.

    ``via`` is the lookup path from the queryset's model to the model carrying the audience,
    e.g. ``visible(Post.objects.all(), user, via="topic__category")``. Without it the
    queryset's own model must carry the audience.
    """
    if not via:
        return queryset.filter(audience_filter(queryset.model, user))
    carrier = _model_at(queryset.model, via)
    if sees_everything(user):
        return queryset
    allowed = carrier._default_manager.filter(audience_filter(carrier, user)).values("pk")
    return queryset.filter(**{f"{via}__in": allowed})


def _model_at(model, path: str):
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def can_see_audience(user, obj: AudienceMixin) -> bool:
    if obj.audience == Audience.PUBLIC or sees_everything(user):
        return True
    if not is_member(user):
        return False
    if obj.audience == Audience.MEMBERS:
        return True
    ids = group_ids(user)
    if not ids:
        return False
    if "groups" in getattr(obj, "_prefetched_objects_cache", {}):
        # A listing that prefetched the groups pays no query per object.
        return any(group.pk in ids for group in obj.groups.all())
    return obj.groups.filter(pk__in=ids).exists()


# --- Wagtail pages (view restrictions) -----------------------------------------------------


def _restriction_allows(user, restriction: PageViewRestriction) -> bool:
    """Pages follow Wagtail's view restrictions, made stricter (login means member): only
    superusers pass every login and group restriction, as Wagtail itself serves them. Moderators'
    reach covers the forum's audiences, not editors' restricted pages."""
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return is_member(user)
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        if user.is_authenticated and user.is_active and user.is_superuser:
            return True
        allowed = {group.pk for group in restriction.groups.all()}
        return is_member(user) and bool(allowed & group_ids(user))
    # Password-protected pages share one secret, which is no audience: they stay out of every
    # listing and search, and are served only behind Wagtail's password form.
    return False


def _denied_paths(user) -> tuple[str, ...]:
    """Tree paths of the restricted sections ``user`` may not enter. Two queries, remembered."""

    def compute():
        restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        return tuple(r.page.path for r in restrictions if not _restriction_allows(user, r))

    return _remember(user, "_gpe_denied_paths", compute)


def visible_pages(queryset: QuerySet, user) -> QuerySet:
    """Live pages ``user`` may see, honouring every view restriction above them."""
    queryset = queryset.filter(live=True)
    denied = _denied_paths(user)
    if denied:
        q = Q()
        for path in denied:
            q |= Q(path__startswith=path)
        queryset = queryset.exclude(q)
    return queryset


def can_view_page(user, page: Page, *, allow_password: bool = False) -> bool:
    if not page.live:
        return False
    for path in _denied_paths(user):
        if page.path.startswith(path):
            if allow_password and _only_password_restricted(page, user):
                continue
            return False
    return True


def _only_password_restricted(page: Page, user) -> bool:
    return all(
        r.restriction_type == PageViewRestriction.PASSWORD or _restriction_allows(user, r)
        for r in page.get_view_restrictions()
    )


# --- Any object ----------------------------------------------------------------------------


def can_view(user, obj: Any) -> bool:
    """May ``user`` see ``obj``?

    Knows pages, AudienceMixin models, and objects that name the object carrying their
    audience as ``audience_source`` (a post names its category). Such an object may add a state
    check of its own as ``is_visible_to(user)`` (hidden, deleted), asked before the audience.
    """
    if isinstance(obj, Page):
        return can_view_page(user, obj)
    source = getattr(obj, "audience_source", None)
    if source is not None and source is not obj:
        if getattr(obj, "is_visible_to", None) and not obj.is_visible_to(user):
            return False
        return can_view(user, source)
    if isinstance(obj, AudienceMixin):
        return can_see_audience(user, obj)
    raise TypeError(f"partners.access does not know how to check {type(obj).__name__}")
