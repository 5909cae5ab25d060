"""GPE benchmark helper: seed | pages | queries | session (the harness's interface), plus
sizes (compressed bytes per page) for bench/report.py.

Run from this directory with the site's venv:  python benchtool.py seed
The data set is built by the apps' own bench steps (benchseed.py); its size comes from
GPE_BENCH_POSTS / GPE_BENCH_PRACTICES / GPE_BENCH_EVENTS.
"""

import gzip
import json
import os
import re
import sys
import time

import paths  # noqa: F401  (sys.path: project root + harness common dir)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchsettings")

import django

django.setup()

import benchseed  # noqa: E402
import pagecheck  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

User = get_user_model()
# Atom feeds are read by feed readers, which carry no session: measured anonymously only.
ANONYMOUS_ONLY = {"feed"}


def pages():
    """Every app's pages for an anonymous visitor, then the same pages for a signed-in member
    (named ``<page>@member``)."""
    anonymous = benchseed.pages()
    members = [
        {**page, "name": f"{page['name']}@member", "login": True}
        for page in anonymous
        if page["name"] not in ANONYMOUS_ONLY
    ]
    return anonymous + members


def login_user():
    return User.objects.get(username="user0001")


def _assets(html: str) -> list[str]:
    """The stylesheets and scripts a page loads from our static files (images apart)."""
    prefix = re.escape(settings.STATIC_URL)
    return sorted(set(re.findall(rf'(?:href|src)="{prefix}([^"?]+\.(?:css|js))', html)))


def sizes():
    """Per page: HTML bytes, gzip-compressed HTML bytes, and HTML + CSS + JS compressed (what
    the 100 KB budget counts; WhiteNoise serves the static files precompressed)."""
    member = Client()
    member.force_login(login_user())
    out = []
    for page in pages():
        client = member if page.get("login") else Client()
        response = client.get(page["path"])
        html = response.content
        assets = {}
        for name in _assets(html.decode("utf-8", "replace")):
            path = finders.find(name)
            if path:
                with open(path, "rb") as f:
                    assets[name] = len(gzip.compress(f.read(), 6))
        out.append(
            {
                "name": page["name"],
                "status": response.status_code,
                "html_bytes": len(html),
                "html_gzip_bytes": len(gzip.compress(html, 6)),
                "assets_gzip_bytes": assets,
                "total_gzip_bytes": len(gzip.compress(html, 6)) + sum(assets.values()),
                "cache_control": response.get("Cache-Control", ""),
            }
        )
    return out


if __name__ == "__main__":
    T0 = time.time()
    cmd = sys.argv[1]
    if cmd == "seed":
        from home.models import HomePage

        if HomePage.objects.exists():
            sys.exit("database already seeded; recreate it first")
        cache.clear()  # a fresh database: forget sessions and counters cached in this Redis db
        with transaction.atomic():
            state = benchseed.seed()
        with connection.cursor() as c:
            c.execute("ANALYZE") if connection.vendor == "postgresql" else None
        report = os.environ.get("GPE_BENCH_SEED_REPORT")
        if report:
            with open(report, "w") as f:
                json.dump(
                    {
                        "scale": state.scale.as_dict(),
                        "made": state.made,
                        "skipped": benchseed.skipped_apps(),
                        "seconds": round(time.time() - T0, 1),
                    },
                    f,
                    indent=1,
                )
        state.log("done")
    elif cmd == "analyze":
        # After update_index: the index table's statistics describe it empty, and each entry
        # was written three times (insert, title norm, the rebuild's full norm refresh).
        # Autovacuum would do this within a minute of a real rebuild; the bench measures at once.
        if connection.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute("VACUUM ANALYZE")
    elif cmd == "pages":
        print(json.dumps(pages(), indent=1))
    elif cmd == "queries":
        print(json.dumps(pagecheck.measure(pages(), login_user()), indent=1))
    elif cmd == "session":
        print(pagecheck.session_cookie(login_user()))
    elif cmd == "sizes":
        print(json.dumps(sizes(), indent=1))
    else:
        sys.exit("unknown command " + cmd)
