"""Practices: a public, a members-only and a group-restricted practice and an unpublished
draft, with markers in their text fields (the public practice also has a section for members
only); a member's submission with a note to the editors; a phased-out partnership whose record
the phase-out form shows to the people of its space. Requested through the catalogue (with
filters), its map, matrix, CSV and JSON exports, Atom feed, the member's submissions page and
the phase-out form."""

from __future__ import annotations

from wagtail.models import PageViewRestriction

from partners.factories import PartnershipFactory
from practices.factories import PracticeIndexPageFactory, PracticePageFactory, ThemeFactory
from practices.models import PracticeSubmission

from .world import World

_TEXT = ("summary", "contact", "follow_up_note")
_RICH = ("context", "objectives", "activities", "results", "lessons_learned")


def _practice(world: World, index, level: str, name: str, theme, **kwargs):
    values = {
        field: world.marker(level, f"practices.PracticePage.{field} ({name})") for field in _TEXT
    }
    for field in _RICH:
        values[field] = f"<p>{world.marker(level, f'practices.PracticePage.{field} ({name})')}</p>"
    # Sections for members: on a public practice, still members only (page, search, feeds,
    # exports, listings).
    members = "members" if level == "public" else level
    values["members_only"] = [
        {
            "type": "section",
            "value": {
                "heading": world.marker(members, f"practices.PracticePage.members_only ({name})"),
                "body": f"<p>{world.marker(members, f'practices.members_only body ({name})')}</p>",
            },
        }
    ]
    return PracticePageFactory(
        parent=index,
        title=world.marker(level, f"practices.PracticePage.title ({name})"),
        slug=world.marker(level, f"practices.PracticePage.slug ({name})"),
        themes=[theme],
        **values,
        **kwargs,
    )


def plant(world: World) -> None:
    index = world.keep(
        "practice_index",
        PracticeIndexPageFactory(parent=world.objects["home_page"], slug="practices"),
    )
    theme = world.keep("practice_theme", ThemeFactory(name="Canary theme", slug="canary-theme"))
    world.keep("public_practice", _practice(world, index, "public", "public practice", theme))
    members = world.keep(
        "members_practice", _practice(world, index, "members", "members practice", theme)
    )
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    group = world.keep(
        "group_practice", _practice(world, index, "group_page", "group practice", theme)
    )
    restriction = PageViewRestriction.objects.create(
        page=group, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([world.objects["working_group"]])
    draft = world.keep(
        "draft_practice", _practice(world, index, "draft", "draft practice", theme, live=False)
    )
    pages = (world.objects["public_practice"], members, group, draft)
    world.keep("practice_pks", {page.pk for page in pages})
    # A phased-out partnership of the group member's organisation, known to the working group
    # only (as partners' own): the phase-out form shows its record to the people of its space.
    phased_out = PartnershipFactory(
        slug="canary-phased-out",
        phase="phased-out",
        audience="groups",
        organisations=[world.users["group_member"].memberships.get().organisation],
        **{
            field: world.marker("group", f"partners.Partnership.{field} (phased out)")
            for field in ("shared_goals", "exit_criteria", "results_summary")
        },
    )
    phased_out.save()  # the organisations are written (and the working group kept) on save
    phased_out.groups.add(world.objects["working_group"])
    world.keep("phased_out", phased_out)
    # The member's own submitted draft: its text is theirs (the revise form shows it to them),
    # and no one else's but the editors'.
    submitted = world.keep(
        "submitted_practice",
        _practice(world, index, "submission", "submitted practice", theme, live=False),
    )
    submission = PracticeSubmission.objects.create(
        submitter=world.users["member"],
        page=submitted,
        title=world.marker("submission", "practices.PracticeSubmission.title"),
        note_to_editors=world.marker("submission", "practices.PracticeSubmission.note_to_editors"),
        # Sent back: its revise form shows the draft and the editors' comment to its submitter.
        status=PracticeSubmission.Status.CHANGES_REQUESTED,
        reviewer_comment=world.marker(
            "submission", "practices.PracticeSubmission.reviewer_comment"
        ),
        audience=PracticeSubmission.Audience.MEMBERS,
        language_code="en",
    )
    world.keep("submission", submission)


def change(world: World) -> None:
    pass


def url_values(world: World) -> dict[str, list]:
    """The catalogue's routes (its pages are in policy's walk of the tree)."""
    base = world.objects["practice_index"].url_path.removeprefix("/home/")
    routes = ("", "export/csv/", "export/json/", "feed/", "follow/", "map/", "matrix/")
    kinds = ("practice_index", "members_practice", "group_practice", "draft_practice")
    return {
        "wagtail_serve": [(f"{base}{route}",) for route in routes],
        "_admin_pages": [world.objects[name].pk for name in kinds],
        "practices:phase_out": [{"pk": world.objects["phased_out"].pk}],
        "practices:revise": [{"pk": world.objects["submission"].pk}],
    }


def extra_requests(world: World) -> list[tuple[str, str, dict]]:
    """The catalogue, its map, matrix and exports filtered by the planted theme and by text."""
    base = "/en/" + world.objects["practice_index"].url_path.removeprefix("/home/")
    requests = []
    for route in ("", "export/csv/", "export/json/", "map/", "matrix/"):
        requests.append(("get", f"{base}{route}", {"theme": "canary-theme"}))
        requests.append(("get", f"{base}{route}", {"q": "canary"}))
    return requests
