"""Our forum's pages as ratios to the anchors' rows from the same run.

    python3 bench/ratios.py bench/results/run1/results.json [our_site_name]

Prints a Markdown table: req/s (4 connections) and c1 p50 of each of our pages, and
ours / spirit, ours / machina for both (req/s > 1 and p50 < 1 mean we are faster).
"""

import json
import sys


def main(path, ours="anchor_site"):
    with open(path) as f:
        sites = json.load(f)["sites"]
    rows = {name: {p["page"]: p for p in s["pages"]} for name, s in sites.items()}
    print(
        "| page | ours req/s | / spirit | / machina | ours c1 p50 ms | / spirit | / machina "
        "| q/req ours / spirit / machina |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for page, p in rows[ours].items():
        s, m = rows["spirit"].get(page, {}), rows["machina"].get(page, {})

        def ratio(a, b):
            return f"{a / b:.2f}" if a and b else "n/a"

        print(
            f"| {page} | {p.get('rps')} | {ratio(p.get('rps'), s.get('rps'))} "
            f"| {ratio(p.get('rps'), m.get('rps'))} | {p.get('c1_p50_ms')} "
            f"| {ratio(p.get('c1_p50_ms'), s.get('c1_p50_ms'))} "
            f"| {ratio(p.get('c1_p50_ms'), m.get('c1_p50_ms'))} "
            f"| {p.get('queries')} / {s.get('queries')} / {m.get('queries')} |"
        )


if __name__ == "__main__":
    main(*sys.argv[1:])
