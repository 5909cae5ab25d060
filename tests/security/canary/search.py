"""The site search: no content of its own (it indexes what the other apps planted). Each role
searches for the word every marker starts with, on each result type and a facet, pages 1-2,
and asks the autocomplete for it and for each level's marker prefix."""

from __future__ import annotations

from search.sources import types

from .levels import SEES
from .world import World


def plant(world: World) -> None:
    pass


def change(world: World) -> None:
    pass


def url_values(world: World) -> dict[str, list]:
    return {}


def extra_requests(world: World) -> list[tuple[str, str, dict]]:
    requests = [("get", "/en/search/", {"q": "canary", "page": page}) for page in (1, 2)]
    requests += [("get", "/en/search/", {"q": "canary", "type": kind}) for kind in types()]
    requests.append(("get", "/en/search/", {"q": "canary", "lang": "en"}))
    requests.append(("get", "/en/search/autocomplete/", {"q": "canary"}))
    requests += [
        ("get", "/en/search/autocomplete/", {"q": f"canary-{level.replace('_', '')}"})
        for level in SEES
    ]
    return requests
