"""What the PostgreSQL side of the database backend does for speed (search/README.md, "Speed"):
the forum posts' join index, and title norms written with each index entry. PostgreSQL only:
SQLite's FTS5 table has neither the join cast nor title norms; CI runs these on PostgreSQL."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from forum.factories import CategoryFactory, make_reply, make_topic
from forum.models import Post
from partners.models import Audience
from search import database, services
from search.sources import sources

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="PostgreSQL's join cast and title norms; SQLite FTS5 has neither",
    ),
]


def _post(text, title="A thread"):
    category = CategoryFactory(audience=Audience.PUBLIC)
    return make_topic(category, title=title, markdown=text, language="en").first_post


def test_the_forum_search_join_can_use_the_posts_text_key_index():
    """Wagtail joins entries to posts on ``object_id = id::varchar``: the expression index of
    migration search/0003 must match that expression exactly, or the planner hashes every post
    (17 ms for a rare word at 50,000 posts). With sequential scans priced out, the plan of the
    site search's forum statement must use it."""
    _post("A lighthouse keeper's notes.")
    source = sources()["forum"]
    search = services.parse("lighthouse").search_query()
    with CaptureQueriesContext(connection) as queries:
        found = get_search_backend().search(search, source.hits_queryset(AnonymousUser()))
        assert len(list(found.annotate_score("_score")[: services.MAX_HITS])) == 1
    statement = queries.captured_queries[-1]["sql"]
    assert "::varchar" in statement  # still Wagtail's join (else this index is not needed)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_hashjoin = off")
        cursor.execute("EXPLAIN " + statement)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_forum_post_id_text" in plan


def test_an_index_update_writes_its_title_norm_with_the_row(django_assert_num_queries):
    """PostgreSQL: the title norm (average title length / this title's length) is written with
    the entry; Wagtail averaged every title and rewrote the table's new rows on each save (a
    scan of the whole index per post at 50,000 posts)."""
    first = _post("First words", title="One two three four")
    backend = get_search_backend()
    cache.delete(database.AVERAGE_TITLE_KEY)
    backend.add(first)  # reads the average once
    second = make_reply(first.topic, markdown="A reply.")
    # Queries: the savepoint, the upsert and its release — no average, no update of the table.
    with django_assert_num_queries(3):
        backend.add(second)
    entries = dict(IndexEntry.objects.values_list("object_id", "title_norm"))
    average = cache.get(database.AVERAGE_TITLE_KEY)
    assert average > 0
    # Both posts' entries carry the thread's title: four lexemes.
    assert entries[str(first.pk)] == pytest.approx(average / 4)
    assert entries[str(second.pk)] == pytest.approx(average / 4)
    # A rebuild's full refresh is exact and forgets the kept average.
    backend.inner.get_index_for_model(Post)._refresh_title_norms(full=True)
    assert cache.get(database.AVERAGE_TITLE_KEY) is None
