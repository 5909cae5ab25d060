"""EXPLAIN ANALYZE of the forum part of the site search on PostgreSQL (issue 12).

    createdb -h 127.0.0.1 -U postgres gpe_measure
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gpe_measure \\
        .venv/bin/python -m search.measure --posts 5000 [--words garden,lighthouse]

Migrates the database named in ``DATABASE_URL`` (it must contain "measure": the script
writes), seeds ``--posts`` public forum posts once (40 per topic; every tenth post says
"garden", ten say "lighthouse"), indexes them through the site's backend, then prints, per
word, the plan and timing of the statement the site search runs for the forum (the access-
limited posts, ranked, at most ``services.MAX_HITS``), as a visitor. Nothing runs it in tests
or in production; it is the measuring tool behind the numbers in search/README.md.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time


def out(text: str) -> None:
    sys.stdout.write(text + "\n")


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gpe_site.settings.test")
    import django

    django.setup()


def seed(posts: int) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    from forum.models import Category, Post, Topic
    from partners.models import Audience

    if Post.objects.count() >= posts:
        return
    author = get_user_model().objects.create(username="measure-author")
    category = Category.objects.create(name="Measure", slug="measure", audience=Audience.PUBLIC)
    per_topic = 40
    topics = Topic.objects.bulk_create(
        Topic(category=category, title=f"Topic {n} about visits", slug=f"t-{n}", author=author)
        for n in range(posts // per_topic)
    )
    rows = []
    for n in range(len(topics) * per_topic):
        words = ["Notes on visits and detention conditions, number", str(n)]
        if n % 10 == 0:
            words.append("garden")
        if n % (len(topics) * per_topic // 10) == 17:
            words.append("lighthouse")
        text = " ".join(words)
        rows.append(
            Post(
                topic=topics[n // per_topic],
                position=n % per_topic + 1,
                author=author,
                markdown=text,
                html=f"<p>{text}</p>",
                language="en",
            )
        )
    Post.objects.bulk_create(rows, batch_size=2000)
    call_command("update_index", verbosity=0)
    backend = get_search_backend()
    out(f"seeded {Topic.objects.count()} topics, {Post.objects.count()} posts ({backend})")


def explain(word: str, runs: int) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    from search import services
    from search.sources import sources

    source = sources()["forum"]
    queryset = source.hits_queryset(AnonymousUser())
    query = services.parse(word).search_query()
    results = get_search_backend().search(query, queryset).annotate_score("_score")
    sql, params = results[: services.MAX_HITS].get_queryset().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        timings, plan = [], []
        for _run in range(runs):
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = [row[0] for row in cursor.fetchall()]
            total = next(line for line in plan if line.startswith("Execution Time"))
            timings.append(float(re.findall(r"[\d.]+", total)[0]))
        started = time.perf_counter()
        found = len(list(results[: services.MAX_HITS]))
        elapsed = (time.perf_counter() - started) * 1000
    out(f"\n== {word!r}: {found} hits; execution {statistics.median(timings):.1f} ms median of")
    out(f"   {runs} (min {min(timings):.1f}); through Django {elapsed:.1f} ms")
    out("\n".join(plan))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--words", default="garden,lighthouse")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if "measure" not in os.environ.get("DATABASE_URL", ""):
        parser.error("DATABASE_URL must name a database for measuring (containing 'measure')")
    setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    seed(args.posts)
    for word in args.words.split(","):
        explain(word, args.runs)


if __name__ == "__main__":
    main()
