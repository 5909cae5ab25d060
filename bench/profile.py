"""Where a page's time goes, under the bench settings and on the bench's seeded database.

    .venv/bin/python bench/profile.py [--out DIR] [--repeat 20] [page ...]

For each page (names from ``benchtool.py pages``; default: all): the mean time of a warm
request through Django's test client, a pyinstrument profile of ``--repeat`` requests (text,
the slow call paths), the SQL share of the time, and ``EXPLAIN (ANALYZE, BUFFERS)`` of the
page's slowest queries. Runs in this process (no gunicorn, no network); the database is the
one ``make bench`` seeded (``bench_anchor_site``, or ``BENCH_DB_NAME``).
"""

import argparse
import io
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# This file is named like the standard library's ``profile``, which cProfile imports: leave
# its folder off the path first.
sys.path = [p for p in sys.path if Path(p or ".").resolve() != HERE]
import cProfile  # noqa: E402
import pstats  # noqa: E402

sys.path.insert(0, str(HERE / "anchor_site"))
os.environ.setdefault("BENCH_DB_NAME", "bench_anchor_site")
os.environ.setdefault("BENCH_DB_USER", "bench")
os.environ.setdefault("BENCH_DB_PASSWORD", "bench")
os.environ.setdefault("BENCH_DATA_DIR", "/tmp/gpe-bench/data")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchsettings")

import django  # noqa: E402
import paths  # noqa: E402, F401

django.setup()

import benchtool  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

try:
    from pyinstrument import Profiler
except ImportError:  # optional (bench/requirements.txt): the standard library's profiler
    Profiler = None


def profile(client, path: str, repeat: int) -> str:
    """The call tree of ``repeat`` requests (pyinstrument), else cProfile's 40 costliest
    functions by cumulative time."""
    if Profiler is not None:
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(repeat):
            client.get(path)
        profiler.stop()
        return profiler.output_text(unicode=True, color=False, show_all=False)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(path)
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(40)
    return stream.getvalue()


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def timing(names, count):
    """Service time through the test client (no network, no gunicorn): a floor for c1 p50."""
    member = Client()
    member.force_login(benchtool.login_user())
    for page in benchtool.pages():
        if names and page["name"] not in names:
            continue
        client = member if page.get("login") else Client()
        for _ in range(3):
            client.get(page["path"])
        with CaptureQueriesContext(connection) as queries:
            client.get(page["path"])
        times = []
        for _ in range(count):
            t0 = time.perf_counter()
            client.get(page["path"])
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        print(
            json.dumps(
                {
                    "name": page["name"],
                    "median_ms": round(times[len(times) // 2], 1),
                    "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1),
                    "queries": len(queries.captured_queries),
                    "load": round(os.getloadavg()[0], 1),
                }
            ),
            flush=True,
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pages", nargs="*")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--out", default="")
    parser.add_argument(
        "--timing",
        type=int,
        default=0,
        help="no profile: N warm requests per page, JSON lines with the median and p95 "
        "service time (ms) and the queries of one request",
    )
    args = parser.parse_args()
    if args.timing:
        return timing(args.pages, args.timing)
    pages = [p for p in benchtool.pages() if not args.pages or p["name"] in args.pages]
    member = Client()
    member.force_login(benchtool.login_user())
    out = Path(args.out) if args.out else None
    if out:
        out.mkdir(parents=True, exist_ok=True)
    for page in pages:
        client = member if page.get("login") else Client()
        for _ in range(3):
            client.get(page["path"])  # warm: templates, site root paths, kept chrome
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            client.get(page["path"])
            elapsed = time.perf_counter() - t0
        captured = list(queries.captured_queries)  # the next request clears the log
        sql_seconds = sum(float(q["time"]) for q in captured)
        tree = profile(client, page["path"], args.repeat)
        slow = sorted(captured, key=lambda q: -float(q["time"]))[:3]
        lines = [
            f"# {page['name']} {page['path']}",
            f"one warm request: {elapsed * 1000:.1f} ms, of which SQL {sql_seconds * 1000:.1f} ms "
            f"in {len(captured)} queries",
            "",
            tree,
        ]
        for q in slow:
            if q["sql"].lstrip().upper().startswith("SELECT") and float(q["time"]) > 0.002:
                head = f"## {float(q['time']) * 1000:.1f} ms: {q['sql'][:300]}"
                lines += [head, explain(q["sql"])]
        text = "\n".join(lines)
        print(text[:6000] if not out else lines[1], flush=True)
        if out:
            (out / f"{page['name'].replace('@', '-')}.txt").write_text(text)


if __name__ == "__main__":
    main()
