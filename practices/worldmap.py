"""The catalogue's world map: country outlines drawn server-side as SVG, shaded by the number
of visible practices under the current filters. The outlines are Natural Earth's (public
domain), converted once by ``practices/tools/build_world_map.py``; nothing is fetched."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django_countries import countries

DATA = Path(__file__).resolve().parent / "data" / "world.json"
SHADES = 5


@cache
def outlines() -> dict:
    return json.loads(DATA.read_text())


def shade(count: int, top: int) -> int:
    """0 for none, else 1..SHADES by share of the largest count."""
    if not count or not top:
        return 0
    return max(1, min(SHADES, -(-count * SHADES // top)))


def render(counts: dict[str, int], *, url: Callable[[str], str]) -> dict:
    data = outlines()
    top = max(counts.values(), default=0)
    shapes = []
    for code, path in data["countries"].items():
        count = counts.get(code, 0)
        shapes.append(
            {
                "code": code,
                "name": countries.name(code),
                "path": path,
                "count": count,
                "shade": shade(count, top),
                "url": url(code) if count else "",
            }
        )
    return {"width": data["width"], "height": data["height"], "shapes": shapes}


def table(counts: dict[str, int], *, url: Callable[[str], str]) -> list[dict]:
    """The map as a table (screen readers, small screens): countries with practices, most
    first, then by name."""
    rows = [
        {"code": code, "name": countries.name(code), "count": count, "url": url(code)}
        for code, count in counts.items()
        if count
    ]
    return sorted(rows, key=lambda row: (-row["count"], row["name"]))
