"""Three small chart kinds written as SVG by hand, so the report needs no plotting package:
horizontal bars (two values per row), grouped vertical bars, and lines on log-log axes.
Standard library only; text is escaped."""

from __future__ import annotations

import math
from html import escape

FONT = 'font-family="sans-serif" font-size="11"'
COLOURS = ["#0b5c8a", "#d1772e", "#3a8a3a", "#8a3a7a", "#777", "#b00", "#1aa3a3", "#c9a200"]


def _svg(width, height, body, title):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{escape(title)}</title>'
        f'<rect width="100%" height="100%" fill="#fff"/>'
        f'<text x="{width / 2}" y="18" text-anchor="middle" {FONT} font-weight="bold">'
        f"{escape(title)}</text>{''.join(body)}</svg>\n"
    )


def _log_ticks(low, high):
    ticks, value = [], 10 ** math.floor(math.log10(low))
    while value <= high * 1.0001:
        for step in (1, 2, 5):
            if low <= value * step <= high:
                ticks.append(value * step)
        value *= 10
    return ticks


def hbars(rows, *, title, xlabel, line=None):
    """rows: [(label, back value, front value)] (e.g. p95 behind p50), log x axis."""
    left, right, top, row_h = 230, 30, 30, 16
    width, height = 820, top + row_h * len(rows) + 50
    values = [v for _label, a, b in rows for v in (a, b) if v]
    low, high = min(values or [1]) / 2, max(values + [line or 1]) * 1.2
    span = math.log10(high) - math.log10(low)

    def x(v):
        return left + (width - left - right) * (math.log10(max(v, low)) - math.log10(low)) / span

    body = []
    for tick in _log_ticks(low, high):
        body.append(
            f'<line x1="{x(tick):.1f}" y1="{top}" x2="{x(tick):.1f}" '
            f'y2="{height - 40}" stroke="#eee"/><text x="{x(tick):.1f}" y="{height - 28}" '
            f'text-anchor="middle" {FONT}>{tick:g}</text>'
        )
    for i, (label, back, front) in enumerate(rows):
        y = top + i * row_h
        body.append(
            f'<text x="{left - 6}" y="{y + 11}" text-anchor="end" {FONT}>{escape(label)}</text>'
        )
        if back:
            body.append(
                f'<rect x="{left}" y="{y + 2}" width="{x(back) - left:.1f}" height="12" '
                f'fill="#c9d7e8"/>'
            )
        if front:
            body.append(
                f'<rect x="{left}" y="{y + 5}" width="{x(front) - left:.1f}" height="6" '
                f'fill="{COLOURS[0]}"/>'
            )
    if line:
        body.append(
            f'<line x1="{x(line):.1f}" y1="{top}" x2="{x(line):.1f}" y2="{height - 40}" '
            f'stroke="#b00" stroke-dasharray="4 3"/>'
        )
    body.append(
        f'<text x="{(left + width) / 2}" y="{height - 10}" text-anchor="middle" {FONT}>'
        f"{escape(xlabel)}</text>"
    )
    return _svg(width, height, body, title)


def grouped_bars(groups, series, *, title, ylabel):
    """groups: [label]; series: [(name, [value per group])]."""
    left, bottom, top = 60, 60, 40
    width, height = 640, 320
    high = max([v or 0 for _name, values in series for v in values] + [1]) * 1.1
    plot_h = height - top - bottom
    slot = (width - left - 20) / max(len(groups), 1)
    bar = slot * 0.8 / max(len(series), 1)
    body = []
    for k in range(5):
        value = high * k / 4
        y = top + plot_h * (1 - k / 4)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 20}" y2="{y:.1f}" stroke="#eee"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" {FONT}>{value:.0f}</text>'
        )
    for g, label in enumerate(groups):
        x0 = left + g * slot + slot * 0.1
        for s, (_name, values) in enumerate(series):
            value = values[g] or 0
            h = plot_h * value / high
            body.append(
                f'<rect x="{x0 + s * bar:.1f}" y="{top + plot_h - h:.1f}" width="{bar - 1:.1f}" '
                f'height="{h:.1f}" fill="{COLOURS[s % len(COLOURS)]}"/>'
            )
        body.append(
            f'<text x="{x0 + slot * 0.4:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f"{FONT}>{escape(label)}</text>"
        )
    for s, (name, _values) in enumerate(series):
        body.append(
            f'<rect x="{left + 10 + s * 110}" y="{height - 24}" width="10" height="10" '
            f'fill="{COLOURS[s % len(COLOURS)]}"/><text x="{left + 24 + s * 110}" '
            f'y="{height - 15}" {FONT}>{escape(name)}</text>'
        )
    body.append(
        f'<text x="14" y="{top + plot_h / 2}" transform="rotate(-90 14 {top + plot_h / 2})" '
        f'text-anchor="middle" {FONT}>{escape(ylabel)}</text>'
    )
    return _svg(width, height, body, title)


def lines(series, *, title, xlabel, ylabel, xlabels=None):
    """series: [(name, [(x, y)])], log-log axes; xlabels: {x: label}."""
    left, right, top, bottom = 60, 250, 30, 50
    width, height = 720, 320
    points = [(x, y) for _name, pts in series for x, y in pts if x and y]
    if not points:
        return _svg(width, height, [], title + " (no data)")
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x_low, x_high = min(xs) / 1.3, max(xs) * 1.3
    y_low, y_high = min(ys) / 1.5, max(ys) * 1.5

    def px(v):
        return left + (width - left - right) * math.log(v / x_low) / math.log(x_high / x_low)

    def py(v):
        return top + (height - top - bottom) * (1 - math.log(v / y_low) / math.log(y_high / y_low))

    body = []
    for tick in _log_ticks(y_low, y_high):
        body.append(
            f'<line x1="{left}" y1="{py(tick):.1f}" x2="{width - right}" y2="{py(tick):.1f}" '
            f'stroke="#eee"/><text x="{left - 4}" y="{py(tick) + 4:.1f}" text-anchor="end" '
            f"{FONT}>{tick:g}</text>"
        )
    for x in sorted(set(xs)):
        body.append(
            f'<text x="{px(x):.1f}" y="{height - bottom + 16}" text-anchor="middle" {FONT}>'
            f"{escape((xlabels or {}).get(x, f'{x:g}'))}</text>"
        )
    for s, (name, pts) in enumerate(series):
        pts = [(x, y) for x, y in pts if x and y]
        if not pts:
            continue
        colour = COLOURS[s % len(COLOURS)]
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in pts)
        body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        body.extend(
            f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>' for x, y in pts
        )
        body.append(
            f'<rect x="{width - right + 10}" y="{top + s * 16}" width="10" height="10" '
            f'fill="{colour}"/><text x="{width - right + 24}" y="{top + s * 16 + 9}" {FONT}>'
            f"{escape(name)}</text>"
        )
    body.append(
        f'<text x="{left + (width - left - right) / 2}" y="{height - 12}" text-anchor="middle" '
        f"{FONT}>{escape(xlabel)}</text>"
        f'<text x="14" y="{height / 2}" transform="rotate(-90 14 {height / 2})" '
        f'text-anchor="middle" {FONT}>{escape(ylabel)}</text>'
    )
    return _svg(width, height, body, title)
