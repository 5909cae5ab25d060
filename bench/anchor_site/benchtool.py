"""GPE forum benchmark helper: seed | pages | queries | session (the harness's interface).

Run from this directory with the site's venv:  python benchtool.py seed
"""

import json
import os
import sys
import time
from collections import defaultdict

import paths  # noqa: F401  (sys.path: project root + harness common dir)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchsettings")

import django

django.setup()

import datashape as ds  # noqa: E402
import pagecheck  # noqa: E402
from allauth.account.models import EmailAddress  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import translation  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from wagtail.models import Locale, Page, Site  # noqa: E402

from forum.models import Category, Post, Topic  # noqa: E402
from home.models import HomePage  # noqa: E402
from home.sanitize import render_markdown  # noqa: E402
from partners.models import Audience, Membership, Organisation, Profile, Region  # noqa: E402

User = get_user_model()
BATCH = 5000
N_ORGANISATIONS = 10


def log(*a):
    print("[gpe seed %6.1fs]" % (time.time() - T0), *a, flush=True)


def seed_site():
    """A default Site on a HomePage, as tests/conftest.py's home_page fixture makes them
    (the header menu is built from it)."""
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    Page.objects.filter(depth=2).delete()  # Wagtail's "Welcome" page, and the site on it
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Global Partnership Exchange",
            slug="home",
            intro="Partners learning from each other.",
            locale=Locale.objects.get(language_code="en"),
        )
    )
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)


@transaction.atomic
def seed():
    if Topic.objects.exists():
        sys.exit("database already seeded; recreate it first")
    seed_site()
    log("site + home page")

    # --- users: verified email, a Profile, a membership (so they count as partner members)
    pw = make_password(ds.PASSWORD)
    users = User.objects.bulk_create(
        [
            User(username=u, email=e, password=pw, is_active=True, date_joined=ds.BASE)
            for u, e in ds.users()
        ]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    Profile.objects.bulk_create([Profile(user=u, display_name=u.username) for u in users])
    regions = [r for r in Region.values if r != Region.GLOBAL]
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(name=f"Organisation {i:02d}", region=regions[i % len(regions)])
            for i in range(N_ORGANISATIONS)
        ]
    )
    Membership.objects.bulk_create(
        [Membership(user=u, organisation=orgs[i % N_ORGANISATIONS]) for i, u in enumerate(users)]
    )
    log("users", len(users))

    # --- categories (public audience, flat)
    cats = Category.objects.bulk_create(
        [
            Category(
                name=title,
                slug=slugify(title),
                description=desc,
                audience=Audience.PUBLIC,
                order=i,
                created_at=ds.BASE,
            )
            for i, (title, desc) in enumerate(ds.categories())
        ]
    )
    log("categories", len(cats))

    # --- topics (counters filled below, once the posts exist)
    shape = ds.topics()
    tobjs = Topic.objects.bulk_create(
        [
            Topic(
                category=cats[cat],
                title=title,
                slug=slugify(title, allow_unicode=True)[:80].strip("-") or "topic",
                author=users[author],
                reply_count=n - 1,
                last_position=n,
                last_posted_at=last,
                created_at=created,
            )
            for (title, cat, author, created, last, n) in shape
        ],
        batch_size=BATCH,
    )
    log("topics", len(tobjs))

    # --- posts: position 1 is the opening post; html rendered as the forum does on save
    first_post, last_post = {}, {}
    buf, total = [], 0

    def flush():
        nonlocal buf, total
        for p in Post.objects.bulk_create(buf):
            first_post.setdefault(p.topic_id, p)
            last_post[p.topic_id] = p
        total += len(buf)
        buf = []
        log("posts", total)

    for _g, t, pos, author, body, created in ds.posts():
        buf.append(
            Post(
                topic=tobjs[t],
                position=pos + 1,
                author=users[author],
                markdown=body,
                html=render_markdown(body),
                language="en",
                created_at=created,
            )
        )
        if len(buf) >= BATCH:
            flush()
    if buf:
        flush()

    # --- denormalised counters, as forum.services keeps them
    for topic in tobjs:
        topic.first_post = first_post[topic.pk]
        topic.last_post = last_post[topic.pk]
    Topic.objects.bulk_update(tobjs, ["first_post", "last_post"], batch_size=BATCH)
    per_cat = defaultdict(lambda: {"topics": 0, "posts": 0, "last": None})
    for topic, (_title, cat, _a, _c, _l, n) in zip(tobjs, shape, strict=True):
        stats = per_cat[cat]
        stats["topics"] += 1
        stats["posts"] += n
        last = last_post[topic.pk]
        if stats["last"] is None or (last.created_at, last.pk) > (
            stats["last"].created_at,
            stats["last"].pk,
        ):
            stats["last"] = last
    for i, category in enumerate(cats):
        category.topic_count = per_cat[i]["topics"]
        category.post_count = per_cat[i]["posts"]
        category.last_post = per_cat[i]["last"]
    Category.objects.bulk_update(cats, ["topic_count", "post_count", "last_post"])
    log("counters")

    # The shape must be exact, or the comparison with the anchors means nothing.
    big = Topic.objects.get(title__startswith="Topic 0000")
    checks = {
        "posts": (Post.objects.count(), ds.N_POSTS),
        "topics": (Topic.objects.count(), ds.N_TOPICS),
        "big topic posts": (big.posts.count(), ds.BIG_TOPIC_REPLIES + 1),
        "big topic last position": (big.last_position, ds.BIG_TOPIC_REPLIES + 1),
        "posts with the search word": (
            Post.objects.filter(markdown__contains=ds.SEARCH_WORD).count(),
            ds.N_POSTS // 10,
        ),
    }
    for what, (got, expected) in checks.items():
        if got != expected:
            sys.exit(f"seed: {got} {what}, expected {expected}")


def pages():
    big = Topic.objects.get(title__startswith="Topic 0000")
    per = 20  # FORUM_POSTS_PER_PAGE (default)
    last = (big.last_position + per - 1) // per
    with translation.override("en"):
        index = "/en/forum/"
        category = big.category.get_absolute_url()
        topic = big.get_absolute_url()
    return [
        # our landing page: categories with stats and last post, plus the 10 latest topics
        {"name": "index", "path": index},
        {"name": "category_p1", "path": category},
        {"name": "topic_p1", "path": topic},
        {"name": "topic_last", "path": f"{topic}?page={last}"},
        {"name": "search", "path": f"{index}search/?q={ds.SEARCH_WORD}"},
    ]


def login_user():
    return User.objects.get(username="user0001")


if __name__ == "__main__":
    T0 = time.time()
    cmd = sys.argv[1]
    if cmd == "seed":
        cache.clear()  # a fresh database: forget sessions and counters cached in Redis db 9
        seed()
        with connection.cursor() as c:
            c.execute("ANALYZE") if connection.vendor == "postgresql" else None
        log("done")
    elif cmd == "pages":
        print(json.dumps(pages(), indent=1))
    elif cmd == "queries":
        print(json.dumps(pagecheck.measure(pages(), login_user()), indent=1))
    elif cmd == "session":
        print(pagecheck.session_cookie(login_user()))
    else:
        sys.exit("unknown command " + cmd)
