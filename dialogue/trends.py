"""Trends for the annual workshop: the dialogues' ratings per principle and year across
partnerships, for the workshop's organisers. Never one partnership's answers.

How a group under five partnerships stays hidden, also through filters and differencing:

- Only reflections of submitted dialogues count (the registry's shown state: both sides
  submitted), with a rating.
- The filters (side, modality, region) split the reflections into *groups*: one per principle,
  year, side, modality and region. Every partnership lies in exactly one group per principle,
  year and side (a partnership's region is its partner organisations' region when they share
  one, else "several regions"), so the groups partition the reflections.
- A cell, filtered or not, is a union of groups. It is shown only when every group in it
  with any reflection has at least ``MIN_PARTNERSHIPS`` distinct partnerships. Any sum or
  difference of shown cells is then itself a union of such groups: no view, and no pair of
  views, narrows down to fewer than five partnerships.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from partners import access
from partners.models import Partnership
from partners.models.organisations import Region

from .models import Principle, Rating, Reflection, Side

MIN_PARTNERSHIPS = 5
SEVERAL_REGIONS = "several"


def check_can_see_trends(user) -> None:
    """404 for everyone else: the trends do not exist for them."""
    if not (access.is_member(user) and access.is_event_organiser(user)):
        raise Http404


def filter_options() -> dict[str, list[tuple[str, str]]]:
    """{filter: [(value, label)]}: each filter's values, the first meaning "all"."""
    return {
        "side": [("", _("Both sides")), *Side.choices],
        "modality": [("", _("All modalities")), *Partnership.Modality.choices],
        "region": [
            ("", _("All regions")),
            *Region.choices,
            (SEVERAL_REGIONS, _("Several regions")),
        ],
    }


FILTERS = ("side", "modality", "region")


def chosen_filters(params) -> dict[str, str]:
    """The filters from GET parameters; unknown values are ignored (all)."""
    options = filter_options()
    chosen = {}
    for name in FILTERS:
        value = params.get(name, "")
        if value and value in {v for v, _label in options[name]}:
            chosen[name] = value
    return chosen


@dataclass
class Group:
    """The reflections of one principle, year, side, modality and region."""

    partnerships: set[int] = field(default_factory=set)
    total: int = 0
    count: int = 0


@dataclass(frozen=True)
class Cell:
    principle: str
    year: int
    mean: float | None  # None: too few partnerships, or none at all
    partnerships: int  # shown only with the mean
    has_data: bool

    @property
    def suppressed(self) -> bool:
        return self.has_data and self.mean is None


@dataclass
class Trends:
    years: list[int]
    rows: list[dict]  # [{"principle": value, "label": ..., "cells": [Cell per year]}]
    filters: dict[str, str]

    @property
    def shown_cells(self) -> list[Cell]:
        return [cell for row in self.rows for cell in row["cells"] if cell.mean is not None]


def _regions() -> dict[int, str]:
    """{partnership id: its region or SEVERAL_REGIONS}: one query."""
    found: dict[int, set] = defaultdict(set)
    through = Partnership.organisations.through
    for partnership_id, region in through.objects.values_list(
        "partnership_id", "organisation__region"
    ):
        found[partnership_id].add(region)
    return {pk: next(iter(r)) if len(r) == 1 else SEVERAL_REGIONS for pk, r in found.items()}


def _groups() -> dict[tuple, Group]:
    """Every group with reflections. Queries: the reflections (1), the regions (1)."""
    rows = (
        access.shown(Reflection.objects.filter(rating__isnull=False))
        .filter(dialogue__partnership__isnull=False)
        .values_list(
            "principle",
            "dialogue__year",
            "side",
            "dialogue__partnership__modality",
            "dialogue__partnership_id",
            "rating",
        )
    )
    rows = list(rows)
    regions = _regions() if rows else {}
    groups: dict[tuple, Group] = defaultdict(Group)
    for principle, year, side, modality, partnership_id, rating in rows:
        region = regions.get(partnership_id, SEVERAL_REGIONS)
        group = groups[(principle, year, side, modality, region)]
        group.partnerships.add(partnership_id)
        group.total += rating
        group.count += 1
    return groups


def trends(filters: dict[str, str] | None = None) -> Trends:
    """The table of mean ratings per principle (rows) and year (columns) under ``filters``
    ({"side": ..., "modality": ..., "region": ...}), each cell shown only as the module's
    docstring says."""
    filters = filters or {}
    groups = _groups()
    cells: dict[tuple[str, int], list[Group]] = defaultdict(list)
    for (principle, year, side, modality, region), group in groups.items():
        values = {"side": side, "modality": modality, "region": region}
        if all(values[name] == value for name, value in filters.items()):
            cells[(principle, year)].append(group)
    years = sorted({year for (_principle, year, *_rest) in groups})
    rows = []
    for principle, label in Principle.choices:
        row = []
        for year in years:
            members = cells.get((principle, year), [])
            has_data = bool(members)
            safe = has_data and all(len(g.partnerships) >= MIN_PARTNERSHIPS for g in members)
            partnerships = set().union(*(g.partnerships for g in members)) if safe else set()
            mean = (
                round(sum(g.total for g in members) / sum(g.count for g in members), 1)
                if safe
                else None
            )
            row.append(Cell(principle, year, mean, len(partnerships), has_data))
        rows.append({"principle": principle, "label": label, "cells": row})
    return Trends(years=years, rows=rows, filters=filters)


# --- The chart ---------------------------------------------------------------------------

WIDTH, HEIGHT = 600, 320
MARGIN_START, MARGIN_END, MARGIN_TOP, MARGIN_BOTTOM = 40, 30, 16, 44
# One colour, dash and marker per principle, so the lines differ without colour too
# (colours from the Okabe–Ito palette, distinguishable with colour blindness).
STYLES = (
    {"colour": "#0072B2", "dash": "", "marker": "circle"},
    {"colour": "#D55E00", "dash": "6 3", "marker": "square"},
    {"colour": "#009E73", "dash": "2 3", "marker": "diamond"},
    {"colour": "#CC79A7", "dash": "10 3 2 3", "marker": "triangle"},
)


def chart(data: Trends, *, rtl: bool) -> dict:
    """Coordinates for the SVG template: axes, year ticks, one line per principle (broken
    where a cell is not shown). Right-to-left languages run the years from the right."""
    plot_width = WIDTH - MARGIN_START - MARGIN_END
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    left = MARGIN_END if rtl else MARGIN_START
    count = len(data.years)

    def x(index: int) -> float:
        offset = plot_width / 2 if count == 1 else plot_width * index / (count - 1)
        return round(left + (plot_width - offset if rtl else offset), 1)

    def y(value: float) -> float:
        return round(MARGIN_TOP + plot_height * (Rating.FULLY - value) / (Rating.FULLY - 1), 1)

    axis_x = left + plot_width if rtl else left
    ticks = [{"value": rating.value, "y": y(rating.value)} for rating in Rating]
    years = [{"year": year, "x": x(i)} for i, year in enumerate(data.years)]
    lines = []
    for row, style in zip(data.rows, STYLES, strict=False):
        segments, current, points = [], [], []
        for i, cell in enumerate(row["cells"]):
            if cell.mean is None:
                if current:
                    segments.append(current)
                current = []
                continue
            point = {
                "x": x(i),
                "y": y(cell.mean),
                "cell": cell,
                "shape": _marker(style["marker"], x(i), y(cell.mean)),
            }
            current.append(point)
            points.append(point)
        if current:
            segments.append(current)
        lines.append(
            {
                "label": row["label"],
                **style,
                "paths": [" ".join(f"{p['x']},{p['y']}" for p in seg) for seg in segments],
                "points": points,
            }
        )
    legend_top = HEIGHT + 8
    legend = []
    for i, line in enumerate(lines):
        start = WIDTH - 4 if rtl else 4
        y_pos = legend_top + 8 + i * 26
        legend.append(
            {
                **line,
                "x1": start,
                "x2": start - 24 if rtl else start + 24,
                "y": y_pos,
                "text_x": start - 30 if rtl else start + 30,
                "shape": _marker(line["marker"], start - 12 if rtl else start + 12, y_pos),
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "full_height": legend_top + len(lines) * 26 + 8,
        "legend": legend,
        "axis_x": axis_x,
        "plot_left": left,
        "plot_right": left + plot_width,
        "plot_top": MARGIN_TOP,
        "plot_bottom": MARGIN_TOP + plot_height,
        "label_x": axis_x + 6 if rtl else axis_x - 6,
        "label_anchor": "start" if rtl else "end",
        "ticks": ticks,
        "years": years,
        "year_y": HEIGHT - MARGIN_BOTTOM + 26,
        "lines": lines,
        "rtl": rtl,
    }


def _marker(kind: str, x: float, y: float) -> dict:
    """A point's marker: a circle, or a polygon's points."""
    r = 4.5
    if kind == "circle":
        return {"circle": True, "cx": x, "cy": y, "r": r}
    corners = {
        "square": [(-r, -r), (r, -r), (r, r), (-r, r)],
        "diamond": [(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)],
        "triangle": [(0, -r - 1), (r + 1, r), (-r - 1, r)],
    }[kind]
    return {"points": " ".join(f"{round(x + dx, 1)},{round(y + dy, 1)}" for dx, dy in corners)}


# --- Views -------------------------------------------------------------------------------


def _data(request) -> Trends:
    check_can_see_trends(request.user)
    return trends(chosen_filters(request.GET))


def _querystring(filters: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return "?" + urlencode(filters) if filters else ""


def trends_page(request):
    """The chart, its table and the filters; 404 for anyone but the workshop's organisers."""
    from django.shortcuts import render
    from django.utils.translation import get_language_bidi

    data = _data(request)
    options = filter_options()
    return render(
        request,
        "dialogue/trends.html",
        {
            "trends": data,
            "chart": chart(data, rtl=get_language_bidi()),
            "filters": [
                {
                    "name": name,
                    "label": label,
                    "options": [
                        {"value": v, "label": text, "selected": data.filters.get(name, "") == v}
                        for v, text in options[name]
                    ],
                }
                for name, label in (
                    ("side", _("Side")),
                    ("modality", _("Modality")),
                    ("region", _("Region")),
                )
            ],
            "querystring": _querystring(data.filters),
            "min_partnerships": MIN_PARTNERSHIPS,
        },
    )


def trends_csv(request):
    """The table as CSV: one row per principle and year; hidden cells say so."""
    import csv
    import io

    from django.http import HttpResponse
    from django.utils import timezone

    data = _data(request)
    options = filter_options()
    out = io.StringIO()
    writer = csv.writer(out)
    for name in FILTERS:
        labels = dict(options[name])
        writer.writerow([name, str(labels[data.filters.get(name, "")])])
    writer.writerow([])
    writer.writerow(["principle", "year", "mean_rating", "partnerships"])
    for row in data.rows:
        for cell in row["cells"]:
            if cell.mean is not None:
                writer.writerow([str(row["label"]), cell.year, cell.mean, cell.partnerships])
            elif cell.has_data:
                writer.writerow([str(row["label"]), cell.year, str(_("too few to show")), ""])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"workshop-trends-{timezone.now():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def trends_svg(request):
    """The chart as a standalone SVG file for the workshop's slides."""
    from django.http import HttpResponse
    from django.template.loader import render_to_string
    from django.utils import timezone
    from django.utils.translation import get_language_bidi

    data = _data(request)
    svg = render_to_string(
        "dialogue/trends_chart.html",
        {
            "trends": data,
            "chart": chart(data, rtl=get_language_bidi()),
            "standalone": True,
            "min_partnerships": MIN_PARTNERSHIPS,
        },
        request=request,
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    filename = f"workshop-trends-{timezone.now():%Y%m%d}.svg"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
