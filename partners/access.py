"""The one place that answers "what may this user see": the visibility registry.

Each model that can be shown registers its rules once, in its app's ``ready()``::

    access.register(Category, audience=access.OWN_AUDIENCE, reach=access.is_moderator,
                    sensitive="is_sensitive")
    access.register(Topic, parent="category",
                    state=access.State({"is_hidden": False, "is_deleted": False},
                                       seen_by=access.is_moderator))

A rule says where the audience comes from (the row's own ``audience`` field, Wagtail's view
restrictions on pages or collections, or a ``parent`` row whose rule applies as well), the
row's state (one definition of the lookups a shown row satisfies, giving both the queryset
filter and the per-object check), whether the row can be "sensitive", and whether only its
``owner`` may see it. Every surface asks through the two doors, with a purpose:

    visible(queryset, user, purpose=READ)      # a queryset filter
    can_view(user, obj, purpose=EMAIL)         # a yes/no check

Purposes write the cross-cutting rules once: a row in another state than "shown" is read
only by those its state names (moderators), and never searched, fed, mailed or put on the
home page; a sensitive row never reaches feeds, emails or the home page, and reaches search
only for its own audience (moderators' reach does not count there).

Audiences:
- public: anyone;
- members: signed-in, active users with a verified email and a membership in at least one
  organisation, or staff (superusers, ``is_staff``, the GPE staff groups);
- groups: members who also belong to one of the named Django groups.

Pages follow Wagtail's view restrictions made stricter ("logged-in users" means member; only
superusers pass every group restriction); documents and images follow their collection's
restrictions with the same meaning. Password restrictions are no audience: such pages and
collections stay out of every listing and are served only behind Wagtail's password form.

Facts about a user are computed once per user object and kept on it, which for a request means
once per request. A removed member loses access on their next request; code that keeps a user
object across changes (a task, a test) calls ``forget(user)`` first.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, F, Model, OuterRef, Q, QuerySet
from django.db.models.functions import Left
from django.db.models.lookups import In
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)

from home import chrome

from .models import Audience, Membership

MODERATORS = "Moderators"
EDITORS = "Editors"
EVENT_ORGANISERS = "Event organisers"


class Purpose(StrEnum):
    READ = "read"  # pages, listings, attachments, downloads
    SEARCH = "search"  # results, counts, facets, autocomplete, mention lookups
    FEED = "feed"  # public and private feeds, iCal, sitemap
    EMAIL = "email"  # what an email may name: notifications, digests, reminders
    HOME = "home"  # home-page sections


READ, SEARCH, FEED, EMAIL, HOME = (
    Purpose.READ,
    Purpose.SEARCH,
    Purpose.FEED,
    Purpose.EMAIL,
    Purpose.HOME,
)
# Where a sensitive row never goes.
_NO_SENSITIVE = frozenset({FEED, EMAIL, HOME})


# --- Facts about a user -------------------------------------------------------------------

_CACHE_ATTRS = ("_gpe_groups", "_gpe_is_member", "_gpe_denied_paths", "_gpe_denied_collections")
_MISSING = object()


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


def _active(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _groups(user) -> dict[int, str]:
    """The user's Django groups as {id: name}: one query, remembered on the user."""
    if not _active(user):
        return {}
    return _remember(user, "_gpe_groups", lambda: dict(user.groups.values_list("id", "name")))


def group_ids(user) -> frozenset[int]:
    return frozenset(_groups(user))


def in_group(user, name: str) -> bool:
    return name in _groups(user).values()


def is_superuser(user) -> bool:
    return _active(user) and user.is_superuser


def is_staff(user) -> bool:
    """Site staff: superusers, Django staff, and the Moderators/Editors/Event organisers groups."""
    if not _active(user):
        return False
    if user.is_superuser or user.is_staff:
        return True
    return any(name in settings.GPE_STAFF_GROUPS for name in _groups(user).values())


def is_moderator(user) -> bool:
    return _active(user) and (user.is_superuser or in_group(user, MODERATORS))


def is_event_organiser(user) -> bool:
    """The ``Event organisers`` group, and nobody else (superusers join it to organise): the
    events' organiser views and the workshop's trends."""
    return in_group(user, EVENT_ORGANISERS)


def is_member(user) -> bool:
    """Signed in, active, verified email and an organisation membership; or staff."""
    if not _active(user):
        return False
    return _remember(user, "_gpe_is_member", lambda: is_staff(user) or _is_verified_member(user))


def verified_member_annotation() -> Exists:
    """True for users with a verified email and a membership. The session's user is loaded
    with it (partners.backends), which saves each signed-in request a query."""
    from allauth.account.models import EmailAddress

    return Exists(Membership.objects.filter(user=OuterRef("pk"))) & Exists(
        EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    )


def verified_members(users: QuerySet) -> QuerySet:
    """The users of ``users`` who are partner members by membership (active, verified email,
    in an organisation): the people a directory lists. Staff without an organisation are
    members for access but are left out here."""
    return users.filter(verified_member_annotation(), is_active=True)


def _is_verified_member(user) -> bool:
    annotated = getattr(user, "gpe_verified_member", None)
    if annotated is not None:
        return annotated
    return verified_members(get_user_model()._default_manager.filter(pk=user.pk)).exists()


def _nobody(user) -> bool:
    return False


# --- Lookups: one definition, two forms ---------------------------------------------------

_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "exact": operator.eq,
    "isnull": lambda value, expected: (value is None) == expected,
    "in": lambda value, expected: value in expected,
    "lt": lambda value, expected: value is not None and value < expected,
    "lte": lambda value, expected: value is not None and value <= expected,
    "gt": lambda value, expected: value is not None and value > expected,
    "gte": lambda value, expected: value is not None and value >= expected,
}


def _value(obj, path: Iterable[str]):
    for name in path:
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def _holds(obj, lookup: str, expected) -> bool:
    """Does ``obj`` satisfy the queryset lookup ``lookup=expected``? Follows relations as the
    ORM does (``topic__is_hidden``), so a lookup written once serves both forms."""
    *path, last = lookup.split("__")
    if last in _OPERATORS:
        compare = _OPERATORS[last]
    else:
        path.append(last)
        compare = _OPERATORS["exact"]
    return compare(_value(obj, path), expected)


def _resolve(value):
    """Lookup values may be callables (``timezone.now``), evaluated when asked."""
    return value() if callable(value) else value


@dataclass(frozen=True)
class State:
    """The lookups a shown row satisfies, e.g. ``{"is_hidden": False, "is_deleted": False}``
    or ``{"status": "published", "published_at__lte": timezone.now}``. Rows in any other state
    are read only by ``seen_by`` (moderators), and only for the read purpose."""

    shown: Mapping[str, Any]
    seen_by: Callable[[Any], bool] = _nobody

    def q(self, prefix: str = "") -> Q:
        return Q(**{f"{prefix}{lookup}": _resolve(value) for lookup, value in self.shown.items()})

    def holds(self, obj) -> bool:
        return all(_holds(obj, lookup, _resolve(value)) for lookup, value in self.shown.items())


# --- Audience sources -----------------------------------------------------------------------


class OwnAudience:
    """The row carries ``audience`` and ``groups`` (``AudienceMixin``)."""

    name = "audience"

    def q(self, model, user, prefix: str) -> Q:
        q = Q(**{f"{prefix}audience": Audience.PUBLIC})
        if is_member(user):
            q |= Q(**{f"{prefix}audience": Audience.MEMBERS}) | self._in_groups(model, user, prefix)
        return q

    def own_q(self, model, user, prefix: str) -> Q:
        """Rows whose audience counts ``user`` among its own members: any member for public
        and members audiences, the groups' members for a groups audience."""
        if not is_member(user):
            return Q(**{f"{prefix}pk__in": []})
        return Q(
            **{f"{prefix}audience__in": [Audience.PUBLIC, Audience.MEMBERS]}
        ) | self._in_groups(model, user, prefix)

    def _in_groups(self, model, user, prefix: str) -> Q:
        ids = group_ids(user)
        if not ids:
            return Q(**{f"{prefix}pk__in": []})
        # A subquery, not a join, so a row in two of the user's groups comes back once.
        groups_field = model._meta.get_field("groups")
        in_groups = groups_field.remote_field.through.objects.filter(group_id__in=ids).values(
            groups_field.m2m_field_name()
        )
        return Q(**{f"{prefix}audience": Audience.GROUPS, f"{prefix}pk__in": in_groups})

    def allows(self, user, obj) -> bool:
        if obj.audience == Audience.PUBLIC:
            return True
        if not is_member(user):
            return False
        return obj.audience == Audience.MEMBERS or self._in_group_of(user, obj)

    def owns(self, user, obj) -> bool:
        if not is_member(user):
            return False
        return obj.audience != Audience.GROUPS or self._in_group_of(user, obj)

    def _in_group_of(self, user, obj) -> bool:
        ids = group_ids(user)
        if obj.audience != Audience.GROUPS or not ids:
            return False
        if "groups" in getattr(obj, "_prefetched_objects_cache", {}):
            # A listing that prefetched the groups pays no query per object.
            return any(group.pk in ids for group in obj.groups.all())
        # Remembered on the object: the posts of one topic page share one category.
        answers = obj.__dict__.setdefault("_gpe_in_groups", {})
        if ids not in answers:
            answers[ids] = obj.groups.filter(pk__in=ids).exists()
        return answers[ids]


def _restriction_allows(user, restriction: BaseViewRestriction) -> bool:
    return _kind_allows(
        user, restriction.restriction_type, {group.pk for group in restriction.groups.all()}
    )


def _kind_allows(user, restriction_type: str, allowed_groups) -> bool:
    """Wagtail's view restrictions, made stricter (login means member): only superusers pass
    every login and group restriction, as Wagtail itself serves them. Moderators' reach covers
    the forum's audiences, not editors' restricted pages."""
    if restriction_type == BaseViewRestriction.LOGIN:
        return is_member(user)
    if restriction_type == BaseViewRestriction.GROUPS:
        if is_superuser(user):
            return True
        return is_member(user) and bool(set(allowed_groups) & group_ids(user))
    # A shared password is no audience: such sections stay out of every listing and search.
    return False


class TreeRestrictions:
    """Wagtail's view restrictions on a tree (pages or collections): a row is denied when it
    lies under a restricted node the user may not enter. Two queries per user, remembered."""

    name = "tree"

    def __init__(self, restriction_model, attr: str):
        self.restriction_model = restriction_model
        self.node_field = "page" if restriction_model is PageViewRestriction else "collection"
        self.attr = attr

    def denied_paths(self, user) -> tuple[str, ...]:
        def compute():
            return tuple(
                path
                for path, restriction_type, groups in self.restrictions()
                if not _kind_allows(user, restriction_type, groups)
            )

        return _remember(user, self.attr, compute)

    def restrictions(self) -> tuple[tuple[str, str, tuple[int, ...]], ...]:
        """(node path, restriction type, group ids) of every restriction, kept per worker
        with the page tree (``home.chrome``: a new generation on any change to a restriction,
        its groups, a page's or a collection's place), for everyone alike; each reader's
        verdict is computed per request."""
        return chrome.view_restrictions(self.restriction_model, self._load_restrictions)

    def _load_restrictions(self) -> tuple[tuple[str, str, tuple[int, ...]], ...]:
        """As plain values: two queries (the second only when there are restrictions).
        Building a page instance per restriction cost ~24 ms a request at 500 practices
        (~80 restrictions)."""
        rows = list(
            self.restriction_model.objects.values_list(
                "pk", f"{self.node_field}__path", "restriction_type"
            )
        )
        if not rows:
            return ()
        through = self.restriction_model.groups.through
        owner = f"{self.restriction_model._meta.model_name}_id"
        groups: dict[int, list[int]] = {}
        for restriction_id, group_id in through.objects.values_list(owner, "group_id"):
            groups.setdefault(restriction_id, []).append(group_id)
        return tuple((path, kind, tuple(groups.get(pk, ()))) for pk, path, kind in rows)

    def q(self, model, user, prefix: str) -> Q:
        """Not under a denied node: ``left(path, n) NOT IN (the denied paths of length n)``,
        one hashed list per tree depth, so the cost stays flat however many practices are
        restricted (one ``NOT LIKE`` per restriction made the catalogue's query grow with
        them: ~100 clauses at 500 practices, ~1,000 at 5,000)."""
        by_length: dict[int, set[str]] = {}
        for path in sorted(self.denied_paths(user), key=len):
            if not any(path[:n] in paths for n, paths in by_length.items()):
                by_length.setdefault(len(path), set()).add(path)
        q = Q()
        for length, paths in sorted(by_length.items()):
            q &= ~Q(In(Left(F(f"{prefix}path"), length), sorted(paths)))
        return q

    def allows(self, user, obj) -> bool:
        return not any(obj.path.startswith(path) for path in self.denied_paths(user))

    # Pages and collections are never "sensitive": their own audience is their audience.
    own_q = q
    owns = allows


class MembersOf:
    """The members of one Django group the row names through ``path`` (a partnership's
    working group): nobody else, whatever their role."""

    name = "group"

    def __init__(self, path: str):
        self.path = path

    def q(self, model, user, prefix: str) -> Q:
        ids = group_ids(user) if is_member(user) else frozenset()
        return Q(**{f"{prefix}{self.path}__in": list(ids)})

    def allows(self, user, obj) -> bool:
        group_id = _value(obj, [*self.path.split("__")[:-1], self.path.split("__")[-1] + "_id"])
        return is_member(user) and group_id in group_ids(user)

    own_q = q
    owns = allows


OWN_AUDIENCE = OwnAudience()
PAGE_RESTRICTIONS = TreeRestrictions(PageViewRestriction, "_gpe_denied_paths")
COLLECTION_RESTRICTIONS = TreeRestrictions(CollectionViewRestriction, "_gpe_denied_collections")


@dataclass(frozen=True)
class GenericTarget:
    """A row about any registered object (a notification): visible where its target is.
    ``models`` lists the possible target models, asked when a filter is built."""

    content_type: str
    object_id: str
    attribute: str  # the GenericForeignKey
    models: Callable[[], Iterable[type[Model]]]


# --- The registry -------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    model: type[Model]
    audience: OwnAudience | TreeRestrictions | MembersOf | None = None
    reach: Callable[[Any], bool] = _nobody  # who passes the audience regardless (moderators)
    # Relations whose rows must be visible too: "topic", or ("topic", "post?") where a
    # trailing "?" lets the relation be empty; or a GenericTarget.
    parent: str | tuple[str, ...] | GenericTarget | None = None
    state: State | None = None
    sensitive: str | None = None  # a boolean field: the row is a sensitive space
    owner: str | None = None  # a user relation: nobody else sees the row

    def parents(self) -> list[tuple[str, bool, Rule]]:
        """(relation, may be empty, its model's rule) for each parent relation."""
        if self.parent is None or isinstance(self.parent, GenericTarget):
            return []
        names = (self.parent,) if isinstance(self.parent, str) else self.parent
        result = []
        for name in names:
            relation = name.rstrip("?")
            model = self.model._meta.get_field(relation).related_model
            result.append((relation, name.endswith("?"), rule_for(model)))
        return result


_registry: dict[type[Model], Rule] = {}
_not_shown: dict[type[Model], str] = {}


def register(model: type[Model], **rules) -> Rule:
    """Declare how ``model``'s rows may be seen. Once per model, from its app's ready()."""
    if model in _registry:
        raise ValueError(f"{model.__name__} is registered with partners.access already")
    rule = Rule(model, **rules)
    _registry[model] = rule
    return rule


def unregister(model: type[Model]) -> Rule | None:
    """For tests that show what happens without a registration."""
    return _registry.pop(model, None)


def not_shown(model: type[Model], *, because: str) -> None:
    """Declare that ``model`` points at content but is never shown on its own on any surface
    (an admin-only log, a counter): the system check then leaves it alone."""
    _not_shown[model] = because


def registered() -> dict[type[Model], Rule]:
    return dict(_registry)


def declared_not_shown() -> dict[type[Model], str]:
    return dict(_not_shown)


def rule_for(model: type[Model]) -> Rule:
    """The rule of ``model`` or of the nearest registered class it inherits from (page types
    use Page's)."""
    for klass in model.__mro__:
        rule = _registry.get(klass)
        if rule is not None:
            return rule
    raise TypeError(f"partners.access has no rule for {model.__name__}: register it")


# --- The two doors --------------------------------------------------------------------------


def visible(queryset: QuerySet, user, *, purpose: Purpose) -> QuerySet:
    """Restrict ``queryset`` to what ``user`` may see for ``purpose``."""
    return queryset.filter(_q(rule_for(queryset.model), user, Purpose(purpose), ""))


def can_view(user, obj: Any, *, purpose: Purpose) -> bool:
    """May ``user`` see ``obj`` for ``purpose``? The same rule as ``visible``, on one object
    (using whatever the caller select_related; parents are followed)."""
    if obj is None:
        return False
    return _allows(rule_for(type(obj)), user, obj, Purpose(purpose))


def searchable(queryset: QuerySet, user) -> QuerySet:
    """``visible(queryset, user, purpose=SEARCH)`` in the one shape Wagtail's search backends
    accept: they filter only on indexed fields, so the rule becomes ``pk__in`` a subquery (the
    model indexes ``FilterField("id")``)."""
    model = queryset.model
    if issubclass(model, Page):
        # On a page type ``pk`` is ``page_ptr_id``, a filter Wagtail's Elasticsearch backend
        # silently drops ("pointer fields"; Django trims ``id`` back to it): pages are
        # filtered on their unique ``path`` (a FilterField of Page) instead.
        allowed = visible(queryset, user, purpose=SEARCH).values("path")
        return model._default_manager.filter(path__in=allowed)
    allowed = visible(queryset, user, purpose=SEARCH).values("pk")
    return model._default_manager.filter(pk__in=allowed)


def is_sensitive(obj) -> bool:
    """Does ``obj`` lie in a sensitive space (its own flag or a parent's)? For surfaces that
    show something about it without naming it (a notification in a sensitive category)."""
    if obj is None:
        return False
    rule = rule_for(type(obj))
    if rule.sensitive and getattr(obj, rule.sensitive):
        return True
    if isinstance(rule.parent, GenericTarget):
        return is_sensitive(getattr(obj, rule.parent.attribute))
    return any(is_sensitive(getattr(obj, relation)) for relation, _, _ in rule.parents())


def shown(queryset: QuerySet) -> QuerySet:
    """Rows of ``queryset`` in their model's shown state (its own state rule; no audience, no
    parents): for counters and limits that count what readers would see."""
    state = rule_for(queryset.model).state
    return queryset.filter(state.q()) if state else queryset


def is_shown(obj) -> bool:
    """``obj`` is in its model's shown state (its own state rule only)."""
    state = rule_for(type(obj)).state
    return state is None or state.holds(obj)


def can_serve_page(user, page: Page) -> bool:
    """``can_view`` for serving a page, where a password-protected page is let through to
    Wagtail's own password form (it is still never listed)."""
    if not page.live:
        return False
    return _passes_or_password(user, page, PAGE_RESTRICTIONS)


def can_serve_document(user, document) -> bool:
    """``can_view`` for serving a document, where a document in a password-protected
    collection is let through to Wagtail's own password form (it is still never listed)."""
    return _passes_or_password(user, document.collection, COLLECTION_RESTRICTIONS)


def _passes_or_password(user, node, restrictions: TreeRestrictions) -> bool:
    """``user`` passes every restriction on ``node`` (a page or collection) that is not a
    shared password; the password ones are left to Wagtail's form."""
    denied = [path for path in restrictions.denied_paths(user) if node.path.startswith(path)]
    if not denied:
        return True
    return all(
        r.restriction_type == BaseViewRestriction.PASSWORD or _restriction_allows(user, r)
        for r in node.get_view_restrictions()
    )


def _state_applies(rule: Rule, user, purpose: Purpose) -> bool:
    return rule.state is not None and not (purpose == READ and rule.state.seen_by(user))


def _q(rule: Rule, user, purpose: Purpose, prefix: str) -> Q:
    q = Q()
    if rule.owner:
        if not _active(user):
            return Q(**{f"{prefix}pk__in": []})
        q &= Q(**{f"{prefix}{rule.owner}": user.pk})
    if _state_applies(rule, user, purpose):
        q &= rule.state.q(prefix)
    if rule.audience is not None and not rule.reach(user):
        q &= rule.audience.q(rule.model, user, prefix)
    if rule.sensitive:
        not_sensitive = Q(**{f"{prefix}{rule.sensitive}": False})
        if purpose in _NO_SENSITIVE:
            q &= not_sensitive
        elif purpose == SEARCH:
            q &= not_sensitive | rule.audience.own_q(rule.model, user, prefix)
    if isinstance(rule.parent, GenericTarget):
        q &= _generic_q(rule.parent, user, purpose, prefix)
    for relation, optional, parent_rule in rule.parents():
        parent_q = _q(parent_rule, user, purpose, f"{prefix}{relation}__")
        if optional:
            parent_q = Q(**{f"{prefix}{relation}__isnull": True}) | parent_q
        q &= parent_q
    return q


def _generic_q(target: GenericTarget, user, purpose: Purpose, prefix: str) -> Q:
    from django.contrib.contenttypes.models import ContentType

    q = Q(pk__in=[])
    for model in target.models():
        content_type = ContentType.objects.get_for_model(model)
        allowed = visible(model._default_manager.all(), user, purpose=purpose).values("pk")
        q |= Q(
            **{
                f"{prefix}{target.content_type}": content_type.pk,
                f"{prefix}{target.object_id}__in": allowed,
            }
        )
    return q


def _allows(rule: Rule, user, obj, purpose: Purpose) -> bool:
    if rule.owner and not (_active(user) and getattr(obj, f"{rule.owner}_id") == user.pk):
        return False
    if _state_applies(rule, user, purpose) and not rule.state.holds(obj):
        return False
    if rule.sensitive and getattr(obj, rule.sensitive):
        if purpose in _NO_SENSITIVE:
            return False
        if purpose == SEARCH and not rule.audience.owns(user, obj):
            return False
    if rule.audience is not None and not rule.reach(user) and not rule.audience.allows(user, obj):
        return False
    if isinstance(rule.parent, GenericTarget):
        target = getattr(obj, rule.parent.attribute)
        if target is None or not isinstance(target, tuple(rule.parent.models())):
            return False
        return can_view(user, target, purpose=purpose)
    for relation, optional, _rule in rule.parents():
        parent = getattr(obj, relation)
        if parent is None:
            if not optional:
                return False
        elif not can_view(user, parent, purpose=purpose):
            return False
    return True


# --- Wagtail's own models -----------------------------------------------------------------


def register_wagtail_models() -> None:
    """Pages, collections, documents and images, with GPE's meaning of their restrictions.
    Called from partners' ready()."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    register(Page, audience=PAGE_RESTRICTIONS, state=State({"live": True}))
    register(Collection, audience=COLLECTION_RESTRICTIONS)
    register(get_document_model(), parent="collection")
    image_model = get_image_model()
    register(image_model, parent="collection")
    register(image_model.get_rendition_model(), parent="image")
