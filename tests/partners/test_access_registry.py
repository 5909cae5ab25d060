"""The generated safety test: every model registered with partners.access, every role, every
audience, every state, sensitive or not, every purpose. ``visible()`` and ``can_view()`` must
agree with each other and with the one expectation table below.

A new app's models are in it the moment they register: rows are built with the model's
factory (``<app>.factories.<Model>Factory``), their audience is set on the row that carries it
(found by following the rule's parents), and their states come from the rule's own definition.
"""

import itertools
from importlib import import_module

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from home.factories import PolicyVersionFactory, StandardPageFactory
from partners import access
from partners.checks import check_visibility_registry
from partners.factories import MembershipFactory, UserFactory
from partners.models import Audience

pytestmark = pytest.mark.django_db

ALL_ROLES = frozenset(
    {
        "anonymous",
        "non_member",
        "member",
        "group_member",
        "removed_from_group",
        "deactivated",
        "moderator",
        "editor",
        "superuser",
    }
)
MEMBER_ROLES = frozenset(
    {"member", "group_member", "removed_from_group", "moderator", "editor", "superuser"}
)
# Who passes each audience by being in it. "working_group": rows of one group's own space
# (access.MembersOf, a partnership's space): its current, active members and nobody else.
IN_AUDIENCE = {
    "public": ALL_ROLES,
    "members": MEMBER_ROLES,
    "groups": frozenset({"group_member"}),
    "working_group": frozenset({"group_member"}),
}
# Wagtail's restrictions (pages, collections) let superusers through every group restriction.
TREE_GROUPS_EXTRA = frozenset({"superuser"})
# The roles behind each "reach" and "seen_by" a rule may name.
ROLES_OF = {access.is_moderator: frozenset({"moderator", "superuser"})}
# Rows only their owner sees are owned by this role.
OWNER_ROLE = "group_member"
AUDIENCES = ("public", "members", "groups")


def _roles_of(predicate) -> frozenset:
    if predicate is None or predicate is access._nobody:
        return frozenset()
    assert predicate in ROLES_OF, f"add {predicate.__name__} to ROLES_OF"
    return ROLES_OF[predicate]


@pytest.fixture
def roles(db, working_group):
    moderators = Group.objects.get_or_create(name=access.MODERATORS)[0]
    editors = Group.objects.get_or_create(name=access.EDITORS)[0]
    users = {
        "anonymous": AnonymousUser(),
        "non_member": UserFactory(username="r-outsider"),
        "member": MembershipFactory(user__username="r-member").user,
        "group_member": MembershipFactory(
            user__username="r-group", user__groups=[working_group]
        ).user,
        "moderator": MembershipFactory(
            user__username="r-moderator", user__groups=[moderators]
        ).user,
        "editor": UserFactory(username="r-editor", groups=[editors]),
        "superuser": UserFactory(username="r-admin", is_superuser=True, is_staff=True),
    }
    removed = MembershipFactory(user__username="r-removed", user__groups=[working_group]).user
    access.is_member(removed), access.group_ids(removed)  # what a live session knew
    removed.groups.remove(working_group)
    users["removed_from_group"] = type(removed).objects.get(pk=removed.pk)  # the next request
    deactivated = MembershipFactory(user__username="r-off", user__groups=[working_group]).user
    deactivated.is_active = False
    deactivated.save()
    users["deactivated"] = deactivated
    assert set(users) == ALL_ROLES
    return users


# --- Building rows -------------------------------------------------------------------------


_slugs = (f"page-{n}" for n in itertools.count())


def _new_collection():
    from wagtail_factories import CollectionFactory

    return CollectionFactory(parent=Collection.get_first_root_node())


def build(model, home_page):
    """One fresh row of ``model`` with everything it hangs on."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail_factories import DocumentFactory, ImageFactory

    image_model = get_image_model()
    if issubclass(model, Page):
        # A page type with its own factory (a notification about an event page) is built
        # as itself, under the parent its factory finds; other pages as a standard page.
        module = import_module(f"{model._meta.app_label}.factories") if model is not Page else None
        factory = getattr(module, f"{model.__name__}Factory", None)
        if factory is not None:
            return factory(slug=next(_slugs))
        return StandardPageFactory(parent=home_page, slug=next(_slugs))
    if model is Collection:
        return _new_collection()
    if model is get_document_model():
        return DocumentFactory(collection=_new_collection())
    if model is image_model:
        return ImageFactory(collection=_new_collection())
    if model is image_model.get_rendition_model():
        return ImageFactory(collection=_new_collection()).get_rendition("original")
    if model._meta.label == "home.PolicyVersion":
        return PolicyVersionFactory(page=StandardPageFactory(parent=home_page, slug=next(_slugs)))
    rule = access.rule_for(model)
    if isinstance(rule.parent, access.GenericTarget):
        # A row about another registered object (a notification): about one of its kinds'.
        target_model = next(iter(rule.parent.models()))
        extra = {rule.parent.attribute: build(target_model, home_page)}
    else:
        extra = {}
    module = import_module(f"{model._meta.app_label}.factories")
    factory = getattr(module, f"{model.__name__}Factory", None)
    assert factory is not None, f"{model._meta.app_label}.factories needs {model.__name__}Factory"
    return factory(**extra)


def carrier_of(obj):
    """The row whose audience applies to ``obj``, and its rule (None: no audience at all)."""
    rule = access.rule_for(type(obj))
    while rule.audience is None:
        if isinstance(rule.parent, access.GenericTarget):
            obj = getattr(obj, rule.parent.attribute)
        else:
            parents = [getattr(obj, relation) for relation, _, _ in rule.parents()]
            parents = [parent for parent in parents if parent is not None]
            if not parents:
                return None, None
            obj = parents[0]
        rule = access.rule_for(type(obj))
    return obj, rule


def set_audience(carrier, rule, audience: str, group) -> None:
    if isinstance(rule.audience, access.MembersOf):
        *relations, field = rule.audience.path.split("__")
        holder = carrier
        for relation in relations:
            holder = getattr(holder, relation)
        type(holder)._default_manager.filter(pk=holder.pk).update(**{field: group})
        return
    if rule.audience is access.OWN_AUDIENCE:
        if audience == "groups":
            carrier.groups.set([group])
        carrier.audience = {"public": Audience.PUBLIC, "members": Audience.MEMBERS}.get(
            audience, Audience.GROUPS
        )
        carrier.save(update_fields=["audience"])
        return
    if audience == "public":
        return
    restriction_model = (
        PageViewRestriction
        if rule.audience is access.PAGE_RESTRICTIONS
        else CollectionViewRestriction
    )
    node = {"page" if restriction_model is PageViewRestriction else "collection": carrier}
    kind = PageViewRestriction.LOGIN if audience == "members" else PageViewRestriction.GROUPS
    restriction = restriction_model.objects.create(restriction_type=kind, **node)
    if audience == "groups":
        restriction.groups.add(group)


def _current(row):
    """A restriction on an image's collection moves its files and drops its renditions
    (home.media): the rendition is made again, in its new place, as a page would."""
    from wagtail.images import get_image_model

    image_model = get_image_model()
    if isinstance(row, image_model.get_rendition_model()):
        return image_model.objects.get(pk=row.image_id).get_rendition(row.filter_spec)
    return row


def state_variants(rule) -> dict[str, dict]:
    """ "shown", and for each plain boolean lookup of the rule's state, that lookup flipped."""
    variants = {"shown": {}}
    if rule.state is not None:
        for lookup, value in rule.state.shown.items():
            if "__" not in lookup and isinstance(value, bool):
                variants[f"{lookup}={not value}"] = {lookup: not value}
    return variants


def rows_for(model, home_page, group, owner):
    """Every audience × sensitivity × state of ``model``, as (row, facts) pairs."""
    rule = access.rule_for(model)
    probe = build(model, home_page)
    carrier, carrier_rule = carrier_of(probe)
    if carrier_rule and isinstance(carrier_rule.audience, access.MembersOf):
        audiences = ("working_group",)
    else:
        audiences = AUDIENCES if carrier_rule else (None,)
    sensitivities = (False, True) if carrier_rule and carrier_rule.sensitive else (False,)
    rows = []
    for audience in audiences:
        for sensitive in sensitivities:
            for state, changes in state_variants(rule).items():
                row = build(model, home_page)
                if rule.owner:
                    changes = {**changes, f"{rule.owner}_id": owner.pk}
                if changes:
                    type(row)._default_manager.filter(pk=row.pk).update(**changes)
                carrier, carrier_rule = carrier_of(row)
                if carrier_rule:
                    set_audience(carrier, carrier_rule, audience, group)
                    if sensitive:
                        setattr(carrier, carrier_rule.sensitive, True)
                        carrier.save(update_fields=[carrier_rule.sensitive])
                row = _current(row)
                facts = {
                    "audience": audience,
                    "sensitive": sensitive,
                    "shown": state == "shown",
                    "carrier_rule": carrier_rule,
                }
                rows.append((row, facts))
    return rows


# --- The expectation table -----------------------------------------------------------------


def expected(rule, facts, role: str, purpose) -> bool:
    if rule.owner and role != OWNER_ROLE:
        return False
    read_anyway = purpose == access.READ and role in _roles_of(getattr(rule.state, "seen_by", None))
    if not facts["shown"] and not read_anyway:
        return False
    carrier_rule = facts["carrier_rule"]
    if carrier_rule is None:
        return True
    audience = facts["audience"]
    passes = IN_AUDIENCE[audience]
    if audience == "groups" and isinstance(carrier_rule.audience, access.TreeRestrictions):
        passes = passes | TREE_GROUPS_EXTRA
    if role not in passes and role not in _roles_of(carrier_rule.reach):
        return False
    if facts["sensitive"]:
        if purpose in (access.FEED, access.EMAIL, access.HOME):
            return False
        if purpose == access.SEARCH:
            return role in (MEMBER_ROLES if audience != "groups" else IN_AUDIENCE["groups"])
    return True


def _registered_models():
    # Page types share Page's rule; the registry's own keys are the models to walk.
    return sorted(access.registered(), key=lambda model: model._meta.label)


@pytest.mark.parametrize("model", _registered_models(), ids=lambda model: model._meta.label)
def test_registry_visible_and_can_view_agree_with_the_table(model, roles, home_page, working_group):
    rule = access.rule_for(model)
    rows = rows_for(model, home_page, working_group, roles[OWNER_ROLE])
    ids = [row.pk for row, _ in rows]
    manager = model._default_manager
    for role, user in roles.items():
        for purpose in access.Purpose:
            want = {row.pk for row, facts in rows if expected(rule, facts, role, purpose)}
            got = set(
                access.visible(manager.filter(pk__in=ids), user, purpose=purpose).values_list(
                    "pk", flat=True
                )
            )
            assert got == want, (role, purpose)
            for row, facts in rows:
                fresh = manager.get(pk=row.pk)
                assert access.can_view(user, fresh, purpose=purpose) is (row.pk in want), (
                    role,
                    purpose,
                    facts,
                )


def test_registry_covers_the_models_it_must(db):
    labels = {model._meta.label for model in access.registered()}
    assert {"wagtailcore.Page", "forum.Category", "forum.Topic", "forum.Post"} <= labels
    assert {"wagtaildocs.Document", "wagtailimages.Image", "wagtailimages.Rendition"} <= labels


# --- The system check ----------------------------------------------------------------------


def test_registry_check_passes_for_the_project():
    assert check_visibility_registry() == []


def test_registry_check_fails_when_a_model_is_not_registered():
    from forum.models import Topic

    rule = access.unregister(Topic)
    try:
        errors = check_visibility_registry()
        assert [error.id for error in errors] == ["gpe.E010"]
        assert "forum.Topic" in errors[0].msg and "category" in errors[0].msg
        with pytest.raises(SystemCheckError):
            call_command("check")
    finally:
        access._registry[Topic] = rule
    assert check_visibility_registry() == []


def test_registry_refuses_a_second_registration():
    from forum.models import Topic

    with pytest.raises(ValueError, match="registered"):
        access.register(Topic, parent="category")
