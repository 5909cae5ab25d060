"""Practices: a public, a members-only and a group-restricted practice and an unpublished
draft, with markers in their text fields; a member's submission with a note to the editors.
Requested through the catalogue (with filters), its map, matrix, CSV and JSON exports, Atom
feed, and the member's submissions page."""

from __future__ import annotations

from wagtail.models import PageViewRestriction

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
    PracticeSubmission.objects.create(
        submitter=world.users["member"],
        page=draft,
        title=world.marker("submission", "practices.PracticeSubmission.title"),
        note_to_editors=world.marker("submission", "practices.PracticeSubmission.note_to_editors"),
        audience=PracticeSubmission.Audience.MEMBERS,
        language_code="en",
    )


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
    }


def extra_requests(world: World) -> list[tuple[str, str, dict]]:
    """The catalogue, its map, matrix and exports filtered by the planted theme and by text."""
    base = "/en/" + world.objects["practice_index"].url_path.removeprefix("/home/")
    requests = []
    for route in ("", "export/csv/", "export/json/", "map/", "matrix/"):
        requests.append(("get", f"{base}{route}", {"theme": "canary-theme"}))
        requests.append(("get", f"{base}{route}", {"q": "canary"}))
    return requests
