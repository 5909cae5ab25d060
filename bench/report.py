"""The report of one ``make bench`` run: ``report.md``, ``summary.json`` and plots, from the raw
files ``bench/run.py`` left in the run's folder.

    .venv/bin/python bench/report.py bench/results/<run>

Standard library only: the plots are SVG (``svgplot.py``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import svgplot

# Every page the issue asks for, in its order: (name, what, app that brings it).
PAGES = [
    ("home", "home page", "home"),
    ("policy", "policy page", "home"),
    ("policy_compare", "version comparison", "home"),
    ("practices_catalogue", "practices catalogue, no filter", "practices"),
    ("practices_catalogue_filtered", "practices catalogue, two filters", "practices"),
    ("practices_map", "practices map", "practices"),
    ("practice", "a practice", "practices"),
    ("index", "forum index", "forum"),
    ("category_p1", "a category, page 1", "forum"),
    ("topic_p1", "the 201-post topic, first page", "forum"),
    ("topic_last", "the 201-post topic, last page", "forum"),
    ("search", "search, common word (5,000 posts)", "forum"),
    ("search_rare", "search, rare word (10 posts)", "forum"),
    ("search_facet", "search with a facet (site-wide search)", "search"),
    ("event", "an event page with its timetable", "events"),
    ("event_ics", "an event's .ics", "events"),
    ("feed", "Atom feed, latest topics", "forum"),
]
ANCHOR_PAGES = ("index", "category_p1", "topic_p1", "topic_last", "search")
FAST_PAGES = ("topic_p1", "topic_last", "index", "category_p1")
BUDGET_BYTES = 100 * 1024
QUICK_NOTE = "**Quick run** (short durations, no 200k growth, no clean-clone timing). "


def load(path: Path, default=None):
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return default


def ms(us):
    return round(us / 1000.0, 1) if us is not None else None


def rows_from_load(data: dict) -> dict:
    """{page name: {"c1": {...}, "c4": {...}, "bytes"}} from a harness load-*.json."""
    out = {}
    for page in (data or {}).get("pages", []):
        if "loaded" not in page:
            out[page["name"]] = {"skipped": page.get("skipped")}
            continue
        row = {"path": page["path"], "bytes": page.get("bytes")}
        for key, run in (("c1", page["single"]), ("c4", page["loaded"])):
            row[key] = {
                "rps": run["rps"],
                "p50": ms(run["p50_us"]),
                "p95": ms(run["p95_us"]),
                "p99": ms(run["p99_us"]),
                "errors": run["errors"],
                "requests": run["requests"],
            }
        out[page["name"]] = row
    return out


def fmt(value, digits=1):
    if value is None:
        return "–"
    return f"{value:.{digits}f}"


def ratio(a, b):
    return a / b if a and b else None


def main(folder: Path):
    meta = load(folder / "meta.json", {})
    seed = load(folder / "seed.json", {})
    ours_load = load(folder / "gpe" / "load-anchor_site.json", {})
    ours = rows_from_load(ours_load)
    queries = {q["name"]: q for q in load(folder / "gpe" / "queries-anchor_site.json", [])}
    sizes = {s["name"]: s for s in load(folder / "gpe" / "sizes.json", [])}
    anchors = {
        site: rows_from_load(load(folder / "anchors" / f"load-{site}.json", {}))
        for site in ("spirit", "machina")
    }
    anchor_results = load(folder / "anchors" / "results.json", {}).get("sites", {})
    anchor_queries = {
        site: {p["page"]: p.get("queries") for p in data.get("pages", [])}
        for site, data in anchor_results.items()
    }
    ours_results = load(folder / "gpe" / "results.json", {}).get("sites", {}).get("anchor_site", {})
    growth = {}
    for path in sorted((folder / "growth").glob("load-*.json")):
        posts = int(path.stem.split("-")[-1])
        growth[posts] = {
            "load": rows_from_load(load(path)),
            "queries": {
                q["name"]: q["queries"]
                for q in load(folder / "growth" / f"queries-{posts}.json", [])
            },
        }
    main_posts = (seed.get("scale") or {}).get("posts", 50_000)
    growth[main_posts] = {
        "load": {k: v for k, v in ours.items() if "@" not in k},
        "queries": {k: q["queries"] for k, q in queries.items()},
    }
    # The catalogue's curve: the main run's practices, then the practices growth databases.
    catalogue = {(seed.get("scale") or {}).get("practices", 500): growth[main_posts]}
    for path in sorted((folder / "growth").glob("practices-load-*.json")):
        count = int(path.stem.split("-")[-1])
        catalogue[count] = {
            "load": rows_from_load(load(path)),
            "queries": {
                q["name"]: q["queries"]
                for q in load(folder / "growth" / f"practices-queries-{count}.json", [])
            },
        }

    lines = []
    add = lines.append
    add(f"# Benchmark run {meta.get('run', folder.name)}\n")
    env = load(folder / "gpe" / "results.json", {}).get("env", {})
    add(
        f"Started {meta.get('started_utc', '?')} UTC on {env.get('cpu', '?')}, "
        f"{env.get('cores', '?')} cores, {env.get('memory', '?')}; {env.get('postgresql', '')}; "
        f"{env.get('wrk', '')}. {QUICK_NOTE if meta.get('quick') else ''}"
        f"Whole run: {fmt((meta.get('total_seconds') or 0) / 60)} min.\n"
    )
    if meta.get("load_averages"):
        add(
            "Load average (1, 5, 15 min) when each phase started, 2 cores: "
            + "; ".join(f"{k} {v[0]}, {v[1]}, {v[2]}" for k, v in meta["load_averages"].items())
            + ". Above ~2 something else was competing for the cores.\n"
        )
    d = meta.get("durations", {})
    add(
        "gunicorn, 2 sync workers on 127.0.0.1, production settings (DEBUG off, Redis cache, "
        "PostgreSQL, cached_db sessions); wrk on loopback, on the same 2 cores. Per page: "
        f"{d.get('warmup')} s warm-up, **c1** = 1 connection for {d.get('single')} s (≈ service "
        f"time), **c4** = 4 connections for {d.get('loaded')} s (saturated: 2 per worker). "
        "Anonymous readers replay the cookies of a first visit; `@member` rows are a signed-in "
        "partner member (a real session). Latencies in ms; *q* = SQL queries per request "
        "(returning visitor); *KB* = gzip-compressed HTML, and HTML + CSS + JS "
        "(the 100 KB budget).\n"
    )

    # --- targets
    add("## Targets\n")
    add("| target | measured | holds |")
    add("|---|---|---|")
    targets = []
    # A visitor's page is answered from the public page cache (home/pagecache.py) after the
    # first request; a signed-in member's is always rendered: the same target, shown apart.
    for who, label in (("", "{name}"), ("@member", "{name}, signed-in member (rendered)")):
        for name in FAST_PAGES:
            row, spirit = ours.get(name + who, {}), anchors["spirit"].get(name, {})
            if who and not row:
                continue
            r = ratio(row.get("c4", {}).get("rps"), spirit.get("c4", {}).get("rps"))
            p95 = row.get("c4", {}).get("p95")
            ok = r is not None and r >= 2 and p95 is not None and p95 < 50
            targets.append((name + who, ok))
            add(
                f"| {label.format(name=name)}: ≥ 2× Spirit's req/s, p95 < 50 ms at c4 | "
                f"{fmt(r, 2)}× Spirit, p95 {fmt(p95)} ms | {'yes' if ok else '**no**'} |"
            )
    row, machina = ours.get("search", {}), anchors["machina"].get("search", {})
    r = ratio(row.get("c4", {}).get("rps"), machina.get("c4", {}).get("rps"))
    p95 = row.get("c4", {}).get("p95")
    ok = r is not None and r >= 5 and p95 is not None and p95 < 150
    add(
        f"| search (common word): ≥ 5× machina's req/s, p95 < 150 ms | {fmt(r, 2)}× machina, "
        f"p95 {fmt(p95)} ms (the forum's search: 50,000 posts) | "
        f"{'yes' if ok else '**no**'} |"
    )
    row = ours.get("search_facet", {})
    p95 = row.get("c4", {}).get("p95")
    r = ratio(row.get("c4", {}).get("rps"), machina.get("c4", {}).get("rps"))
    ok = r is not None and r >= 5 and p95 is not None and p95 < 150
    add(
        f"| search across all content, two facets: p95 < 150 ms, ≥ 5× machina | "
        f"p95 {fmt(p95)} ms, {fmt(r, 2)}× machina's (forum-only) search | "
        f"{'yes' if ok else '**no**'} |"
    )
    for count, budget in ((500, 100), (5000, 200)):
        row = catalogue.get(count, {}).get("load", {}).get("practices_catalogue_filtered", {})
        p95 = row.get("c4", {}).get("p95")
        ok = p95 is not None and p95 < budget
        add(
            f"| practices catalogue, two filters: p95 < {budget} ms with {count:,} practices | "
            f"p95 {fmt(p95)} ms | {'yes' if ok else ('**no**' if p95 else '–')} |"
        )
    biggest = max(sizes.values(), key=lambda s: s["total_gzip_bytes"], default=None)
    if biggest:
        ok = biggest["total_gzip_bytes"] < BUDGET_BYTES
        add(
            f"| every page < 100 KB compressed (HTML + CSS + JS) | largest: {biggest['name']} "
            f"{fmt(biggest['total_gzip_bytes'] / 1024)} KB | {'yes' if ok else '**no**'} |"
        )
    sizes_seen = sorted(growth)
    if len(sizes_seen) > 1:
        flat_q = all(
            len({growth[n]["queries"].get(page) for n in sizes_seen}) == 1
            for page in ("topic_p1", "topic_last", "search", "search_rare")
        )
        listed = ", ".join(f"{n // 1000}k" for n in sizes_seen)
        add(
            f"| query counts constant in data size ({listed} posts) | "
            f"{'same counts at every size' if flat_q else 'counts differ (see Growth)'}"
            f" | {'yes' if flat_q else '**no**'} |"
        )
        first = growth[sizes_seen[0]]["load"].get("topic_p1", {}).get("c1", {}).get("p50")
        last = growth[sizes_seen[-1]]["load"].get("topic_p1", {}).get("c1", {}).get("p50")
        if first and last:
            change = last / first - 1
            ok = abs(change) <= 0.25
            add(
                f"| topic page latency flat from {sizes_seen[0] // 1000}k to "
                f"{sizes_seen[-1] // 1000}k posts (c1 p50 within ±25%) | {fmt(first)} → "
                f"{fmt(last)} ms ({change:+.0%}) | {'yes' if ok else '**no**'} |"
            )
    make_run = meta.get("make_run") or {}
    if make_run.get("seconds"):
        ok = make_run["seconds"] < 240
        add(
            f"| `make run` from a clean clone to the first page < 4 min | "
            f"{fmt(make_run['seconds'] / 60, 2)} min | {'yes' if ok else '**no**'} |"
        )
    else:
        add(
            "| `make run` from a clean clone to the first page < 4 min | not measured in this "
            "run (quick) | – |"
        )
    add("")
    add(
        "Visitors' pages (no session cookie) come from the public page cache "
        "(`home/pagecache.py`) from the second request on, so the visitor rows and the growth "
        "table's page rows measure that cache; the `@member` rows are rendered on every "
        "request (nothing of a signed-in person is kept) and show what a page costs to make. "
        "Search pages are rendered every time, for visitors too, but each content source's hit "
        "list is kept per access query and data generation (`search/hitcache.py`): the search "
        "rows measure the same search asked again (a new search ranks every match: "
        "`bench/README.md` has its cost).\n"
    )

    # --- every page
    add("## Every page\n")
    add(
        "| page | who | c1 req/s | c1 p50 | c1 p95 | c1 p99 | c4 req/s | c4 p50 | c4 p95 | "
        "c4 p99 | q | HTML KB | total KB |"
    )
    add("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    skipped = seed.get("skipped", {})
    for name, what, app in PAGES:
        for who, key in (("visitor", name), ("member", f"{name}@member")):
            row = ours.get(key)
            if row is None:
                if who == "visitor" and name not in ours:
                    why = (
                        f"slot: the {app} app has no bench step yet"
                        if (app in skipped or app != "forum")
                        else "not measured"
                    )
                    add(f"| {what} | – | {why} | | | | | | | | | | |")
                continue
            if "c1" not in row:
                add(f"| {what} | {who} | skipped: {row.get('skipped')} | | | | | | | | | | |")
                continue
            q = queries.get(key, {}).get("queries")
            size = sizes.get(key, {})
            add(
                f"| {what} | {who} | {fmt(row['c1']['rps'])} | {fmt(row['c1']['p50'])} | "
                f"{fmt(row['c1']['p95'])} | {fmt(row['c1']['p99'])} | {fmt(row['c4']['rps'])} | "
                f"{fmt(row['c4']['p50'])} | {fmt(row['c4']['p95'])} | {fmt(row['c4']['p99'])} | "
                f"{q if q is not None else '–'} | "
                f"{fmt((size.get('html_gzip_bytes') or 0) / 1024)} | "
                f"{fmt((size.get('total_gzip_bytes') or 0) / 1024)} |"
            )
    after_start = ", ".join(
        str(round(v / 1024)) for v in (ours_load.get("rss_after_start_kB") or {}).values()
    )
    errors = sum(r[k]["errors"] for r in ours.values() if "c1" in r for k in ("c1", "c4"))
    add(
        f"\nErrors and non-2xx responses over all runs: {errors}. Worker restarts: "
        f"{ours_load.get('worker_restarts')}. **Peak worker memory** (VmHWM, larger of the two "
        f"workers, after every page): {ours_load.get('peak_worker_rss_MiB')} MiB; right after "
        f"start: {after_start} MiB.\n"
    )

    # --- anchors
    add("## Next to Spirit and machina (same run)\n")
    add(
        "| page | GPE c4 req/s | Spirit | machina | ÷ Spirit | ÷ machina | GPE c1 p50 | Spirit | "
        "machina | q GPE / Spirit / machina |"
    )
    add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for name in ANCHOR_PAGES:
        g, s, m = (
            ours.get(name, {}),
            anchors["spirit"].get(name, {}),
            anchors["machina"].get(name, {}),
        )
        add(
            f"| {name} | {fmt(g.get('c4', {}).get('rps'))} | {fmt(s.get('c4', {}).get('rps'))} | "
            f"{fmt(m.get('c4', {}).get('rps'))} | "
            f"{fmt(ratio(g.get('c4', {}).get('rps'), s.get('c4', {}).get('rps')), 2)} | "
            f"{fmt(ratio(g.get('c4', {}).get('rps'), m.get('c4', {}).get('rps')), 2)} | "
            f"{fmt(g.get('c1', {}).get('p50'))} | {fmt(s.get('c1', {}).get('p50'))} | "
            f"{fmt(m.get('c1', {}).get('p50'))} | {queries.get(name, {}).get('queries')} / "
            f"{anchor_queries.get('spirit', {}).get(name)} / "
            f"{anchor_queries.get('machina', {}).get(name)} |"
        )
    add(
        "\nSpirit's search is measured signed in (its view requires it) and searches 2,000 "
        "topics with Whoosh; machina's and ours search 50,000 posts (machina: Whoosh; ours: "
        "PostgreSQL full-text search through Wagtail's database backend). Spirit's and "
        "machina's peak worker memory: "
        + ", ".join(
            f"{site} {anchor_results.get(site, {}).get('peak_worker_rss_MiB')} MiB"
            for site in ("spirit", "machina")
        )
        + ".\n"
    )

    # --- growth
    add("## Growth with the data\n")
    add(
        "Same seed, other sizes (topics follow at 25 posts per topic; the big topic keeps 201 "
        "posts). c1 p50 / c4 p95 in ms, and queries per request.\n"
    )
    lines.extend(
        growth_table(
            growth,
            ("topic_p1", "topic_last", "search", "search_rare", "search_facet"),
            lambda n: f"{n // 1000}k posts",
        )
    )
    lines.extend(
        growth_table(
            catalogue,
            ("practices_catalogue", "practices_catalogue_filtered", "practices_map", "practice"),
            lambda n: f"{n:,} practices",
        )
    )

    # --- seed and setup
    add("## Seed and setup\n")
    if seed.get("made"):
        made = "; ".join(
            f"{app}: " + ", ".join(f"{k} {v}" for k, v in what.items())
            for app, what in seed["made"].items()
        )
        add(f"Seed ({seed.get('seconds')} s, bulk inserts): {made}.")
        if seed.get("seed_and_index_seconds"):
            add(f"Seed + search index: {seed['seed_and_index_seconds']} s.")
        if seed.get("skipped"):
            add(
                "Apps without a bench step yet (skipped): "
                + ", ".join(f"{k} ({v})" for k, v in seed["skipped"].items())
                + "."
            )
    elif seed.get("reused_database"):
        add("The seeded database of an earlier run with the same code was reused.")
    add(
        f"\nHarness prepare for GPE (migrate, compilemessages, seed, index): "
        f"{ours_results.get('prepare_seconds') or '–'} s."
    )
    if make_run.get("seconds"):
        add(
            f"`make run` in a fresh clone (venv, install, migrate, translations, demo, "
            f"runserver) to the first 200 on `/en/`: {make_run['seconds']} s."
        )
    add(
        "\n![latency per page](latency.svg)\n\n![next to the anchors](anchors.svg)\n\n"
        "![growth](growth.svg)\n\n![catalogue growth](growth-practices.svg)\n"
    )

    (folder / "report.md").write_text("\n".join(lines) + "\n")
    summary = {
        "run": meta.get("run", folder.name),
        "quick": meta.get("quick"),
        "pages": ours,
        "queries": {k: v.get("queries") for k, v in queries.items()},
        "sizes": {
            k: {"html_gzip": v["html_gzip_bytes"], "total_gzip": v["total_gzip_bytes"]}
            for k, v in sizes.items()
        },
        "anchors": anchors,
        "growth": {n: g["load"] for n, g in growth.items()},
        "growth_practices": {n: g["load"] for n, g in catalogue.items()},
        "peak_worker_rss_MiB": ours_load.get("peak_worker_rss_MiB"),
        "make_run_seconds": make_run.get("seconds"),
        "targets": dict(targets),
    }
    (folder / "summary.json").write_text(json.dumps(summary, indent=1))
    plots(folder, ours, anchors, growth, catalogue)
    print((folder / "report.md").read_text())


def growth_table(data, pages, label) -> list[str]:
    """A Markdown table: one row per page, one column per size (c1 p50 / c4 p95, queries)."""
    sizes = sorted(data)
    out = ["| page | " + " | ".join(label(n) for n in sizes) + " |", "|---|" + "---:|" * len(sizes)]
    for page in pages:
        cells = []
        for n in sizes:
            row = data[n]["load"].get(page, {})
            cells.append(
                f"{fmt(row.get('c1', {}).get('p50'))} / {fmt(row.get('c4', {}).get('p95'))} "
                f"({data[n]['queries'].get(page, '–')} q)"
            )
        out.append(f"| {page} | " + " | ".join(cells) + " |")
    return [*out, ""]


def plots(folder, ours, anchors, growth, catalogue):
    names = [n for n, _w, _a in PAGES if n in ours and "c1" in ours[n]]
    rows = []
    for name in names:
        for who, key in (("visitor", name), ("member", f"{name}@member")):
            c4 = ours.get(key, {}).get("c4", {})
            rows.append((f"{name} ({who})", c4.get("p95"), c4.get("p50")))
    (folder / "latency.svg").write_text(
        svgplot.hbars(
            rows,
            title="GPE: latency per page at 4 connections (dark: p50, light: p95; red: 50 ms)",
            xlabel="ms (log scale)",
            line=50,
        )
    )
    (folder / "anchors.svg").write_text(
        svgplot.grouped_bars(
            list(ANCHOR_PAGES),
            [
                (site, [rows_.get(n, {}).get("c4", {}).get("rps") for n in ANCHOR_PAGES])
                for site, rows_ in (
                    ("GPE", ours),
                    ("Spirit", anchors["spirit"]),
                    ("machina", anchors["machina"]),
                )
            ],
            title="Requests/s at 4 connections: same run, same data, same 2 cores",
            ylabel="requests/s",
        )
    )
    sizes = sorted(growth)
    (folder / "growth.svg").write_text(
        svgplot.lines(
            [
                (
                    page,
                    [(n, growth[n]["load"].get(page, {}).get("c1", {}).get("p50")) for n in sizes],
                )
                for page in ("topic_p1", "topic_last", "search", "search_rare", "search_facet")
            ],
            title="Latency against the forum's size (c1 p50)",
            xlabel="posts",
            ylabel="ms (log)",
            xlabels={n: f"{n // 1000}k" for n in sizes},
        )
    )
    counts = sorted(catalogue)
    (folder / "growth-practices.svg").write_text(
        svgplot.lines(
            [
                (
                    page,
                    [
                        (n, catalogue[n]["load"].get(page, {}).get("c1", {}).get("p50"))
                        for n in counts
                    ],
                )
                for page in (
                    "practices_catalogue",
                    "practices_catalogue_filtered",
                    "practices_map",
                    "practice",
                )
            ],
            title="Latency against the catalogue's size (c1 p50)",
            xlabel="practices",
            ylabel="ms (log)",
            xlabels={n: f"{n:,}" for n in counts},
        )
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
