"""Events: a public, a members-only and a group-restricted event with markers in their text
fields. Joining details are a level of their own (only confirmed registrants, and those who
run the event); a registrant's answers are the registrant's and the organisers'; a proposal is
its proposer's and the organisers'. Requested through the agenda, its calendar feed, each
event's routes (.ics, register, organisers' views, export, proposals)."""

from __future__ import annotations

from wagtail.models import PageViewRestriction

from events.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    ProposalFactory,
    RegistrationFactory,
)
from events.models import Registration

from .world import World

_ROUTES = (
    "",
    "time-zone/",
    "register/",
    "waitlist/",
    "cancel/",
    "claim/",
    "calendar/",
    "organisers/",
    "organisers/export/",
    "organisers/message/",
    "propose/",
    "organisers/proposals/",
)


def _event(world: World, index, level: str, name: str):
    return EventPageFactory(
        parent=index,
        title=world.marker(level, f"events.EventPage.title ({name})"),
        slug=world.marker(level, f"events.EventPage.slug ({name})"),
        summary=world.marker(level, f"events.EventPage.summary ({name})"),
        venue=world.marker(level, f"events.EventPage.venue ({name})"),
        joining_details=world.marker("joining", f"events.EventPage.joining_details ({name})"),
        ask_dietary=True,
        ask_accessibility=True,
        accepts_proposals=True,
    )


def plant(world: World) -> None:
    index = world.keep(
        "event_index",
        EventIndexPageFactory(
            parent=world.objects["home_page"],
            slug="events",
            intro=world.marker("public", "events.EventIndexPage.intro"),
        ),
    )
    public = world.keep("public_event", _event(world, index, "public", "public event"))
    members = world.keep("members_event", _event(world, index, "members", "members event"))
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    group = world.keep("group_event", _event(world, index, "group_page", "group event"))
    restriction = PageViewRestriction.objects.create(
        page=group, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([world.objects["working_group"]])
    # The group member is a confirmed registrant of each; the member is on the waitlist of
    # the public one (no joining details for them).
    registrations = []
    for event in (public, members, group):
        registrations.append(
            RegistrationFactory(
                event=event,
                user=world.users["group_member"],
                dietary=world.marker("answers", f"events.Registration.dietary ({event.pk})"),
                accessibility=world.marker(
                    "answers", f"events.Registration.accessibility ({event.pk})"
                ),
            )
        )
    RegistrationFactory(
        event=public, user=world.users["member"], status=Registration.Status.WAITLISTED
    )
    world.keep("registrations", registrations)
    world.keep(
        "proposal",
        ProposalFactory(
            event=public,
            proposer=world.users["member"],
            title=world.marker("proposal", "events.Proposal.title"),
            abstract=world.marker("proposal", "events.Proposal.abstract"),
            language="English",
        ),
    )


def change(world: World) -> None:
    pass


def url_values(world: World) -> dict[str, list]:
    """The agenda's and each event's routes (the pages themselves are in policy's walk)."""
    paths = []
    index = world.objects["event_index"].url_path.removeprefix("/home/")
    paths += [(index,), (f"{index}calendar/",)]
    proposal = world.objects["proposal"]
    for name in ("public_event", "members_event", "group_event"):
        event = world.objects[name]
        base = event.url_path.removeprefix("/home/")
        paths += [(f"{base}{route}",) for route in _ROUTES]
        paths.append((f"{base}organisers/proposals/{proposal.pk}/",))
        for registration in world.objects["registrations"]:
            if registration.event_id == event.pk:
                paths.append((f"{base}organisers/move/{registration.pk}/",))
                paths.append((f"{base}leave/{registration.leave_token}/",))
    kinds = ("event_index", "public_event", "members_event", "group_event")
    return {"wagtail_serve": paths, "_admin_pages": [world.objects[n].pk for n in kinds]}
