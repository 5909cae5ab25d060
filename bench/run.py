#!/usr/bin/env python3
"""``make bench``: the whole benchmark, from a clean clone, in one call.

1. (full run only) The time from a clean clone to the first page of ``make run``.
2. Spirit and machina through the shared harness (``../shared/bench-anchors/run.sh``), in the
   same call of this script as our site, so that ratios compare like with like.
3. GPE through the same harness: fresh venv, migrate, the apps' bench seed, search index,
   SQL queries per page, gunicorn (2 sync workers) + wrk at 1 and 4 connections, anonymous and
   signed in; then compressed bytes per page.
4. Growth: the same seed at other sizes (10k and 200k posts), the pages that should stay flat.
5. ``bench/report.py``: ``bench/results/<run>/report.md`` and plots.

Everything runs on this machine: PostgreSQL and Redis on 127.0.0.1, the load client on
loopback, every wrk call bounded by its duration. Databases that are already seeded with the
same code are reused (their fingerprint is kept as the database's comment), so a second
``make bench`` skips the slow preparation; ``BENCH_FRESH=1`` forces everything anew.

Environment: ``BENCH_QUICK=1`` (short runs, no growth beyond 10k, no clean-clone timing),
``BENCH_RUN`` (results folder name, default the UTC date and time), ``BENCH_ANCHORS_DIR``.
Standard library only.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent  # the working tree: results go here
ROOT = REPO  # replaced by the snapshot of HEAD in main(): the code that is measured
SITE = ROOT / "bench" / "anchor_site"
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
FRESH = os.environ.get("BENCH_FRESH", "") not in ("", "0")
RUN = os.environ.get("BENCH_RUN") or datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d-%H%M")
RESULTS = HERE / "results" / (RUN + ("-quick" if QUICK and "BENCH_RUN" not in os.environ else ""))
ANCHOR_WORK = Path("/tmp/bench-anchors")  # the harness's default: its venvs and Whoosh data
GPE_WORK = Path("/tmp/gpe-bench")  # ours, apart, so neither run clears the other's files
PORT = 8103  # this project's bench port (HELPERS.md), 127.0.0.1 only
# Seconds per page: warm-up, 1 connection, 4 connections. Same for the anchors and us.
DURATIONS = (
    {"warmup": 1, "single": 3, "loaded": 5}
    if QUICK
    else {
        "warmup": 2,
        "single": 5,
        "loaded": 10,
    }
)
GROWTH_POSTS = (10_000,) if QUICK else (10_000, 200_000)
GROWTH_PAGES = ("topic_p1", "topic_last", "search", "search_rare", "search_facet")
# The catalogue against its size: 5,000 practices (beside 10k posts; the catalogue reads no
# forum table) against the main run's 500.
GROWTH_PRACTICES = (5_000,)
GROWTH_PRACTICES_POSTS = 10_000
PRACTICE_PAGES = (
    "practices_catalogue",
    "practices_catalogue_filtered",
    "practices_map",
    "practice",
)
PG = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qtA", "-d", "postgres"]


LOAD_AVERAGES: dict[str, list[float]] = {}


def log(*parts):
    print(f"[bench {time.strftime('%H:%M:%S')}]", *parts, flush=True)


def note_load(phase: str) -> None:
    """The machine's 1-minute load average when a phase starts (2 cores: above ~2 means
    something else competes with the benchmark, and its numbers are lower than they would be)."""
    LOAD_AVERAGES[phase] = [round(x, 2) for x in os.getloadavg()]


def anchors_dir() -> Path:
    out = subprocess.run(
        [sys.executable, str(HERE / "anchor_site" / "paths.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    path = Path(out.stdout.strip())
    if not (path / "run.sh").exists():
        sys.exit(f"the shared harness is not at {path} (set BENCH_ANCHORS_DIR)")
    return path


def snapshot() -> str:
    """The committed HEAD, exported to a folder of its own: what is measured is a commit (named
    in the report), never a working tree that changes while the benchmark runs."""
    global ROOT, SITE
    commit = subprocess.run(
        ["git", "rev-parse", "--short=12", "HEAD"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if dirty:
        log("note: uncommitted changes are not measured; measuring HEAD", commit)
    folder = GPE_WORK / "src"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "HEAD"], cwd=REPO, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    ROOT, SITE = folder, folder / "bench" / "anchor_site"
    os.environ["BENCH_ANCHORS_DIR"] = str(anchors_dir())
    return commit


def sql(statement: str, database: str = "postgres") -> str:
    cmd = [*PG[:-1], database, "-c", statement]
    return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()


def fingerprint(posts: int, practices: int = 500) -> str:
    """Changes whenever what a seeded database holds would change: our migrations, the bench
    steps, the harness's data shape, the size. (New package versions are handled by running
    ``migrate`` on a reused database.)"""
    digest = hashlib.sha256(f"{posts} {practices}".encode())
    files = sorted(ROOT.glob("*/migrations/*.py")) + sorted(ROOT.glob("*/bench.py"))
    files += [SITE / "benchseed.py"]
    files.append(Path(anchors_dir()) / "common" / "datashape.py")
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return "gpe-bench " + digest.hexdigest()[:16]


def database_comment(name: str) -> str:
    return sql(
        f"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{name}'"
    )


def anchors_seeded() -> bool:
    spirit = sql("SELECT count(*) FROM spirit_topic_topic", "bench_spirit")
    machina = sql("SELECT count(*) FROM forum_conversation_topic", "bench_machina")
    data = ANCHOR_WORK / "data"
    indexes = (data / "machina" / "whoosh_index", data / "spirit" / "st_search")
    whoosh = all(path.is_dir() and any(path.iterdir()) for path in indexes)
    return spirit == "2000" and machina == "2000" and whoosh


def harness(
    sites: str,
    work: Path,
    results: Path,
    *,
    skip_prepare: bool,
    keep_venv: bool,
    extra_env: dict | None = None,
    port: int = 8801,
) -> None:
    env = {
        **os.environ,
        "BENCH_SITES": sites,
        "BENCH_WORK": str(work),
        "BENCH_RESULTS_DIR": str(results),
        "BENCH_WARMUP": str(DURATIONS["warmup"]),
        "BENCH_SINGLE": str(DURATIONS["single"]),
        "BENCH_LOADED": str(DURATIONS["loaded"]),
        "BENCH_PORT": str(port),
        **(extra_env or {}),
    }
    if skip_prepare:
        env["BENCH_SKIP_PREPARE"] = "1"
    if keep_venv:
        env["BENCH_KEEP_VENV"] = "1"
    results.mkdir(parents=True, exist_ok=True)
    with open(results / "run.log", "w") as logfile:
        proc = subprocess.run(
            ["bash", str(anchors_dir() / "run.sh")],
            env=env,
            stdout=logfile,
            stderr=subprocess.STDOUT,
        )
    if proc.returncode != 0:
        sys.exit(f"the harness failed; see {results / 'run.log'}")


def requirements_hash() -> str:
    return hashlib.sha256((ROOT / "requirements.txt").read_bytes()).hexdigest()[:16]


def gpe_venv() -> Path:
    return GPE_WORK / "venv" / "anchor_site"


def gpe_env(database: str) -> dict:
    return {
        **os.environ,
        "BENCH_DB_ENGINE": "postgresql",
        "BENCH_DB_NAME": database,
        "BENCH_DB_USER": "bench",
        "BENCH_DB_PASSWORD": "bench",
        "BENCH_DB_HOST": "127.0.0.1",
        "BENCH_DB_PORT": "5432",
        "BENCH_DATA_DIR": str(GPE_WORK / "data"),
    }


def benchtool(database: str, *args, env: dict | None = None) -> str:
    proc = subprocess.run(
        [str(gpe_venv() / "bin" / "python"), "benchtool.py", *args],
        cwd=SITE,
        env={**gpe_env(database), **(env or {})},
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        sys.exit(f"benchtool {' '.join(args)} failed:\n{proc.stdout[-2000:]}{proc.stderr[-3000:]}")
    return proc.stdout


# --- 1. clean clone to first page ----------------------------------------------------------


def clean_clone_to_first_page() -> dict:
    """``git clone`` of this commit into a temporary folder, then ``make run`` on a port of our
    own, timed until the home page answers 200. The clone's server is stopped by its process
    group; the folder is removed."""
    folder = Path(tempfile.mkdtemp(prefix="gpe-clone-"))
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    t0 = time.monotonic()
    subprocess.run(["git", "clone", "-q", str(REPO), str(folder / "gpe")], check=True)
    subprocess.run(["git", "checkout", "-q", head], cwd=folder / "gpe", check=True)
    logpath = RESULTS / "make-run.log"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    with open(logpath, "w") as logfile:
        proc = subprocess.Popen(
            ["make", "run", f"HOST=127.0.0.1:{PORT}"],
            cwd=folder / "gpe",
            env=env,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    seconds, status = None, None
    deadline = time.monotonic() + 600
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/en/", timeout=5) as r:
                    status = r.status
                    if status == 200:
                        seconds = round(time.monotonic() - t0, 1)
                        break
            except OSError:
                pass
            time.sleep(1)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)
    log("make run: first page after", seconds, "s")
    return {"seconds": seconds, "status": status, "commit": head}


# --- 2 and 3. anchors and ours through the harness -----------------------------------------


def run_anchors() -> None:
    reuse = not FRESH and anchors_seeded()
    venvs = all(
        (ANCHOR_WORK / "venv" / s / "bin" / "python").exists() for s in ("spirit", "machina")
    )
    log(
        "anchors: spirit and machina",
        "(reusing their seeded databases)"
        if reuse
        else "(from scratch: machina's Whoosh index takes ~5 min)",
    )
    harness(
        "spirit machina",
        ANCHOR_WORK,
        RESULTS / "anchors",
        skip_prepare=reuse,
        keep_venv=venvs and not FRESH,
    )
    for site in ("spirit", "machina"):
        shutil.copy(ANCHOR_WORK / "out" / f"load-{site}.json", RESULTS / "anchors")


def ensure_venv() -> None:
    """Our site's venv (the harness's layout): made anew when requirements.txt changed."""
    venv, stamp = gpe_venv(), gpe_venv() / ".gpe-requirements"
    if not FRESH and stamp.exists() and stamp.read_text() == requirements_hash():
        return
    log("gpe: fresh venv", venv)
    shutil.rmtree(venv, ignore_errors=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", "-r", str(ROOT / "requirements.txt")],
        check=True,
        capture_output=True,
    )
    stamp.write_text(requirements_hash())


def migrate(database: str) -> None:
    subprocess.run(
        [str(gpe_venv() / "bin" / "python"), "manage.py", "migrate", "--noinput", "-v0"],
        cwd=SITE,
        env=gpe_env(database),
        check=True,
        capture_output=True,
    )


def run_ours() -> None:
    database = "bench_anchor_site"
    ensure_venv()
    mark = fingerprint(50_000)
    reuse = not FRESH and database_comment(database) == mark
    log("gpe:", "reusing the seeded database" if reuse else "fresh seed")
    (GPE_WORK / "out").mkdir(parents=True, exist_ok=True)
    if reuse:  # new package versions may bring migrations; the snapshot has no .mo files
        migrate(database)
        subprocess.run(
            [
                str(gpe_venv() / "bin" / "python"),
                "manage.py",
                "compilemessages",
                "--ignore=.venv",
                "-v0",
            ],
            cwd=SITE,
            env=gpe_env(database),
            check=True,
            capture_output=True,
        )
    seed_report = RESULTS / "seed.json"
    seconds = GPE_WORK / "out" / "seed-seconds.txt"
    harness(
        str(SITE),
        GPE_WORK,
        RESULTS / "gpe",
        skip_prepare=reuse,
        keep_venv=True,  # ensure_venv() made it
        port=PORT,
        extra_env={
            "GPE_BENCH_SEED_REPORT": str(seed_report),
            "GPE_BENCH_SEED_SECONDS": str(seconds),
        },
    )
    if not reuse:
        sql(f"COMMENT ON DATABASE {database} IS '{mark}'")
        if seconds.exists():
            data = json.loads(seed_report.read_text())
            data["seed_and_index_seconds"] = int(seconds.read_text())
            seed_report.write_text(json.dumps(data, indent=1))
    elif not seed_report.exists():
        seed_report.write_text(json.dumps({"reused_database": True}))
    for name in (
        "load-anchor_site.json",
        "queries-anchor_site.json",
        "pages-anchor_site.json",
        "prepare-seconds-anchor_site.txt",
    ):
        if (GPE_WORK / "out" / name).exists():
            shutil.copy(GPE_WORK / "out" / name, RESULTS / "gpe" / name)
    (RESULTS / "gpe" / "sizes.json").write_text(benchtool(database, "sizes"))


# --- 4. growth -----------------------------------------------------------------------------


def prepare_growth_database(posts: int, practices: int = 500) -> str:
    database = f"bench_gpe_{posts // 1000}k" + (f"_p{practices}" if practices != 500 else "")
    mark = fingerprint(posts, practices)
    if not FRESH and database_comment(database) == mark:
        log(f"growth {posts}: reusing {database}")
        migrate(database)
        return database
    log(f"growth {posts}: seeding {database}")
    sql(f"DROP DATABASE IF EXISTS {database}")
    sql(f"CREATE DATABASE {database} OWNER bench")
    env = {
        **gpe_env(database),
        "GPE_BENCH_POSTS": str(posts),
        "GPE_BENCH_PRACTICES": str(practices),
    }
    python = str(gpe_venv() / "bin" / "python")
    t0 = time.monotonic()
    for cmd in (
        [python, "manage.py", "migrate", "--noinput", "-v0"],
        [python, "benchtool.py", "seed"],
        [python, "manage.py", "update_index", "--chunk_size", "5000"],
    ):
        proc = subprocess.run(cmd, cwd=SITE, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"growth seed failed: {proc.stdout[-2000:]}{proc.stderr[-3000:]}")
    subprocess.run([*PG[:-1], database, "-c", "VACUUM ANALYZE"], capture_output=True)
    sql(f"COMMENT ON DATABASE {database} IS '{mark}'")
    log(f"growth {posts}: prepared in {time.monotonic() - t0:.0f} s")
    return database


def measure_growth(
    posts: int, database: str, *, practices: int = 500, names=GROWTH_PAGES, prefix=""
) -> None:
    """The ``names`` pages on a growth database; files ``<prefix>load-<size>.json`` (size: the
    posts, or the practices for the catalogue's curve)."""
    folder = RESULTS / "growth"
    folder.mkdir(parents=True, exist_ok=True)
    size = practices if prefix else posts
    env = {"GPE_BENCH_POSTS": str(posts), "GPE_BENCH_PRACTICES": str(practices)}
    pages = [p for p in json.loads(benchtool(database, "pages", env=env)) if p["name"] in names]
    pages_file = folder / f"{prefix}pages-{size}.json"
    pages_file.write_text(json.dumps(pages))
    queries = [q for q in json.loads(benchtool(database, "queries", env=env)) if q["name"] in names]
    (folder / f"{prefix}queries-{size}.json").write_text(json.dumps(queries, indent=1))
    subprocess.run(
        [
            sys.executable,
            str(anchors_dir() / "common" / "loadtest.py"),
            "--name",
            f"gpe-{prefix}{size}",
            "--site-dir",
            str(SITE),
            "--venv",
            str(gpe_venv()),
            "--wsgi",
            "wsgi:application",
            "--pages",
            str(pages_file),
            "--out",
            str(folder / f"{prefix}load-{size}.json"),
            "--port",
            str(PORT),
            "--warmup",
            "1",
            "--single",
            str(DURATIONS["single"]),
            "--loaded",
            str(DURATIONS["loaded"]),
        ],
        cwd=SITE,
        env=gpe_env(database),
        check=True,
        capture_output=True,
    )


def growth() -> None:
    for posts in GROWTH_POSTS:
        measure_growth(posts, prepare_growth_database(posts))
    for practices in GROWTH_PRACTICES:
        database = prepare_growth_database(GROWTH_PRACTICES_POSTS, practices)
        measure_growth(
            GROWTH_PRACTICES_POSTS,
            database,
            practices=practices,
            names=PRACTICE_PAGES,
            prefix="practices-",
        )
    log("growth: done")


def main():
    RESULTS.mkdir(parents=True, exist_ok=True)
    log("results in", RESULTS.relative_to(REPO), "(quick)" if QUICK else "")
    t0 = time.monotonic()
    commit = snapshot()
    meta = {
        "run": RESULTS.name,
        "commit": commit,
        "quick": QUICK,
        "durations": DURATIONS,
        "started_utc": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    if not QUICK:
        meta["make_run"] = clean_clone_to_first_page()
    note_load("anchors")
    run_anchors()
    note_load("gpe")
    run_ours()
    note_load("growth")
    growth()
    note_load("end")
    meta["load_averages"] = LOAD_AVERAGES
    meta["total_seconds"] = round(time.monotonic() - t0)
    (RESULTS / "meta.json").write_text(json.dumps(meta, indent=1))
    subprocess.run(
        [str(REPO / ".venv" / "bin" / "python"), str(HERE / "report.py"), str(RESULTS)], check=True
    )
    log(f"done in {meta['total_seconds'] / 60:.1f} min: {RESULTS / 'report.md'}")


if __name__ == "__main__":
    main()
