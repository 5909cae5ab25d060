"""Convert Natural Earth's 1:110m country outlines (public domain), as packaged on the npm
registry by world-atlas (``npm pack world-atlas@2.0.2``: ``package/countries-110m.json``), into
the small SVG path file the catalogue's map draws: ``practices/data/world.json``.

Run once, by hand; the output is committed and nothing is fetched at run time::

    python practices/tools/build_world_map.py package/countries-110m.json

Equirectangular projection, Antarctica left out, 1000 units wide, simplified
(Douglas–Peucker) and rounded to whole units; countries keyed by ISO 3166-1 alpha-2.
"""

import json
import sys
from pathlib import Path

import django
from django.conf import settings

WIDTH = 1000
NORTH, SOUTH = 84.0, -57.0
TOLERANCE = 0.9
OUTPUT = Path(__file__).resolve().parent.parent / "data" / "world.json"


def decode_arcs(topology):
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def project(lon, lat):
    x = (lon + 180.0) / 360.0 * WIDTH
    y = (NORTH - lat) / 360.0 * WIDTH
    return x, y


def simplify(points, tolerance):
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5
    worst, index = 0.0, 0
    for i, (x, y) in enumerate(points[1:-1], start=1):
        if norm:
            distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm
        else:
            distance = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        if distance > worst:
            worst, index = distance, i
    if worst <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def path_of(rings):
    parts = []
    for points in rings:
        # Rings across the antimeridian (Russia, Fiji) are unwrapped so that they run past
        # the map's edge, where the SVG viewBox clips them, instead of streaking across it.
        unwrapped = []
        for lon, lat in points:
            if unwrapped:
                previous = unwrapped[-1][0]
                while lon - previous > 180:
                    lon -= 360
                while previous - lon > 180:
                    lon += 360
            unwrapped.append((lon, lat))
        projected = [project(lon, lat) for lon, lat in unwrapped]
        simple = simplify(projected, TOLERANCE)
        rounded = []
        for x, y in simple:
            point = (round(x), round(y))
            if not rounded or rounded[-1] != point:
                rounded.append(point)
        if len(rounded) < 3:
            continue
        (x0, y0), rest = rounded[0], rounded[1:]
        moves = []
        px, py = x0, y0
        for x, y in rest:
            moves.append(f"{x - px} {y - py}")
            px, py = x, y
        parts.append(f"M{x0} {y0}l" + " ".join(moves) + "z")
    return "".join(parts)


def main(source):
    settings.configure(USE_I18N=False)
    django.setup()
    from django_countries import countries

    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = countries.alpha2(geometry.get("id") or "")
        if not code or code == "AQ":
            continue
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [ring(arcs, indexes) for polygon in polygons for indexes in polygon]
        path = path_of(rings)
        if path:
            shapes[code] = shapes.get(code, "") + path
    height = round((NORTH - SOUTH) / 360.0 * WIDTH)
    data = {
        "source": "Natural Earth 1:110m Admin 0 (public domain), via world-atlas 2.0.2",
        "width": WIDTH,
        "height": height,
        "countries": dict(sorted(shapes.items())),
    }
    OUTPUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"{len(shapes)} countries, {OUTPUT.stat().st_size} bytes -> {OUTPUT}")  # noqa: T201


if __name__ == "__main__":
    main(sys.argv[1])
