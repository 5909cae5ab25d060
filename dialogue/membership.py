"""Who is in a partnership's space, and on which side of its dialogue."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from partners import access
from partners.models import Membership, Partnership

from .models import Side

_IN_SPACE = access.MembersOf("working_group")


def people(partnership: Partnership):
    """The users of the space: members of its partner organisations and its staff."""
    return (
        get_user_model()
        .objects.filter(
            Q(memberships__organisation__partnerships=partnership)
            | Q(partnerships_staffed=partnership)
        )
        .distinct()
    )


def sync_working_group(partnership: Partnership) -> None:
    """Make the working group hold exactly ``people(partnership)`` (partners' group signal
    then tells each person's access caches and notifications)."""
    group = partnership.working_group
    if group is None:
        return
    wanted = set(people(partnership).values_list("pk", flat=True))
    current = set(group.user_set.values_list("pk", flat=True))
    if wanted - current:
        group.user_set.add(*(wanted - current))
    if current - wanted:
        group.user_set.remove(*(current - wanted))


def documents(partnership: Partnership, user):
    """Wagtail documents a timeline entry may link: those in a collection restricted to the
    partnership's working group (made by staff in the Wagtail admin), that ``user`` may open."""
    from wagtail.documents import get_document_model
    from wagtail.models import CollectionViewRestriction

    restrictions = CollectionViewRestriction.objects.filter(
        restriction_type=CollectionViewRestriction.GROUPS, groups=partnership.working_group_id
    ).select_related("collection")
    under = Q(pk__in=[])
    for restriction in restrictions:
        under |= Q(collection__path__startswith=restriction.collection.path)
    documents = get_document_model().objects.filter(under)
    return access.visible(documents, user, purpose=access.READ).order_by("title")


def in_space(user, partnership: Partnership) -> bool:
    return _IN_SPACE.allows(user, partnership)


def with_side(queryset, user):
    """Annotate partnerships with the user's place: ``is_staff_side`` (in ``staff``) and
    ``is_partner_side`` (a member of one of its organisations). No extra query."""
    pk = user.pk if user.is_authenticated else None
    return queryset.annotate(
        is_staff_side=Exists(
            Partnership.staff.through.objects.filter(partnership=OuterRef("pk"), user_id=pk)
        ),
        is_partner_side=Exists(
            Membership.objects.filter(user_id=pk, organisation__partnerships=OuterRef("pk"))
        ),
    )


def side_of(partnership) -> str | None:
    """The side a person answers for (the partnership annotated by ``with_side``): staff
    answer for the organisation even when they also belong to a partner organisation."""
    if partnership.is_staff_side:
        return Side.ORGANISATION
    if partnership.is_partner_side:
        return Side.PARTNER
    return None


def spaces_of(user):
    """The partnerships whose space ``user`` is in."""
    if not access.is_member(user):
        return Partnership.objects.none()
    return Partnership.objects.filter(working_group__in=list(access.group_ids(user)))
