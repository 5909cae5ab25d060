"""Benchmark data for the forum (see bench/anchor_site/benchseed.py): exactly the shared
harness's data shape (``datashape.py``: topics, posts, the 201-post topic, the word ``garden``
in every tenth post), resized by ``seed.scale``, in public categories, with the denormalised
counters ``forum.services`` keeps. Ten posts also carry the rare word ``lighthouse``.
Bench-only: nothing imports this."""

from collections import defaultdict

from django.utils import translation
from django.utils.text import slugify

from forum.models import Category, Post, Topic
from home.sanitize import render_markdown
from partners.models import Audience

BATCH = 5000
RARE_WORD = "lighthouse"
RARE_POSTS = 10


def _rare(index, total):
    """Ten posts spread over the forum, whatever its size."""
    step = total // RARE_POSTS
    return index % step == 17 and index // step < RARE_POSTS


def bench_seed(seed):
    shape, users = seed.shape, seed.users
    categories = Category.objects.bulk_create(
        [
            Category(
                name=title,
                slug=slugify(title),
                description=description,
                audience=Audience.PUBLIC,
                order=i,
                created_at=shape.BASE,
            )
            for i, (title, description) in enumerate(shape.categories())
        ]
    )
    rows = shape.topics()
    topics = Topic.objects.bulk_create(
        [
            Topic(
                category=categories[category],
                title=title,
                slug=slugify(title, allow_unicode=True)[:80].strip("-") or "topic",
                author=users[author],
                reply_count=count - 1,
                last_position=count,
                last_posted_at=last,
                created_at=created,
            )
            for (title, category, author, created, last, count) in rows
        ],
        batch_size=BATCH,
    )

    # Position 1 is the opening post; the HTML is rendered as the forum does on save.
    first_post, last_post = {}, {}
    buffer, written = [], [0]

    def flush():
        for post in Post.objects.bulk_create(buffer):
            first_post.setdefault(post.topic_id, post)
            last_post[post.topic_id] = post
        written[0] += len(buffer)
        buffer.clear()

    for index, topic, position, author, body, created in shape.posts():
        if _rare(index, shape.N_POSTS):
            body = f"{body} A {RARE_WORD} stands at the end."
        buffer.append(
            Post(
                topic=topics[topic],
                position=position + 1,
                author=users[author],
                markdown=body,
                html=render_markdown(body),
                language="en",
                created_at=created,
            )
        )
        if len(buffer) >= BATCH:
            flush()
            if written[0] % 50_000 == 0:
                seed.log("forum: posts", written[0])
    if buffer:
        flush()

    for topic in topics:
        topic.first_post = first_post[topic.pk]
        topic.last_post = last_post[topic.pk]
    Topic.objects.bulk_update(topics, ["first_post", "last_post"], batch_size=BATCH)
    stats = defaultdict(lambda: {"topics": 0, "posts": 0, "last": None})
    for topic, (_title, category, _author, _created, _last, count) in zip(
        topics, rows, strict=True
    ):
        entry = stats[category]
        entry["topics"] += 1
        entry["posts"] += count
        last = last_post[topic.pk]
        if entry["last"] is None or (last.created_at, last.pk) > (
            entry["last"].created_at,
            entry["last"].pk,
        ):
            entry["last"] = last
    for i, category in enumerate(categories):
        category.topic_count = stats[i]["topics"]
        category.post_count = stats[i]["posts"]
        category.last_post = stats[i]["last"]
    Category.objects.bulk_update(categories, ["topic_count", "post_count", "last_post"])

    # The shape must be exact, or the comparison with the anchors means nothing.
    big = Topic.objects.get(title__startswith="Topic 0000")
    checks = {
        "posts": (Post.objects.count(), shape.N_POSTS),
        "topics": (Topic.objects.count(), shape.N_TOPICS),
        "big topic posts": (big.posts.count(), shape.BIG_TOPIC_REPLIES + 1),
        "posts with the search word": (
            Post.objects.filter(markdown__contains=shape.SEARCH_WORD).count(),
            shape.N_POSTS // 10,
        ),
        "posts with the rare word": (
            Post.objects.filter(markdown__contains=RARE_WORD).count(),
            RARE_POSTS,
        ),
    }
    for what, (got, expected) in checks.items():
        if got != expected:
            raise SystemExit(f"forum bench seed: {got} {what}, expected {expected}")
    return {
        "categories": len(categories),
        "topics": len(topics),
        "posts": shape.N_POSTS,
        "big topic posts": shape.BIG_TOPIC_REPLIES + 1,
    }


FORUM_ONLY = "type=topic&type=post"


def bench_pages(seed):
    big = Topic.objects.get(title__startswith="Topic 0000")
    per_page = 20  # FORUM_POSTS_PER_PAGE
    last = (big.last_position + per_page - 1) // per_page
    with translation.override("en"):
        category = big.category.get_absolute_url()
        topic = big.get_absolute_url()
    # The first five carry the anchors' names, so the report can put them side by side.
    return [
        {"name": "index", "path": "/en/forum/"},
        {"name": "category_p1", "path": category},
        # page=1 named: a member who has read part of a topic is sent on to the first unread
        # post when no page is named (a redirect would be measured instead of the page).
        {"name": "topic_p1", "path": f"{topic}?page=1"},
        {"name": "topic_last", "path": f"{topic}?page={last}"},
        # What the forum's search box asks (its old /forum/search/ address redirects here).
        {"name": "search", "path": f"/en/search/?q={seed.shape.SEARCH_WORD}&{FORUM_ONLY}"},
        {"name": "search_rare", "path": f"/en/search/?q={RARE_WORD}&{FORUM_ONLY}"},
        {"name": "feed", "path": "/en/forum/feeds/latest/"},
    ]
