"""Indexing that cannot go stale: removal when an object may no longer be found, saving that
works while the engine is down, the retry queue and its replay, search_status."""

import datetime
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from wagtail.search.models import IndexEntry

from forum import services as forum_services
from forum.factories import CategoryFactory, make_reply, make_topic
from forum.models import Post
from home.factories import StandardPageFactory
from partners.factories import MembershipFactory
from search import services, tasks
from search.indexing import backoff
from search.models import IndexRetry

pytestmark = pytest.mark.django_db

DOWN = {
    "default": {
        "BACKEND": "search.backends",
        "INNER": "tests.failing_backends.FailingSearchBackend",
    }
}
UP = {"default": {"BACKEND": "search.backends", "INNER": "search.database"}}


def _indexed(obj) -> bool:
    content_type = ContentType.objects.get_for_model(type(obj))
    return IndexEntry.objects.filter(content_type=content_type, object_id=str(obj.pk)).exists()


@pytest.fixture
def thread(db):
    author = MembershipFactory().user
    topic = make_topic(CategoryFactory(), author, title="Visits", markdown="Prisons visited.")
    reply = make_reply(topic, author, markdown="Prisons again.")
    return topic, reply


def test_indexing_hidden_post_leaves_the_index_and_comes_back(thread):
    topic, reply = thread
    moderator = MembershipFactory().user
    assert _indexed(reply)
    forum_services.set_post_hidden(reply, True, moderator=moderator, reason="spam")
    assert not _indexed(reply)
    forum_services.set_post_hidden(reply, False, moderator=moderator, reason="ok")
    assert _indexed(reply)


def test_indexing_hidden_topic_leaves_the_index(thread):
    topic, _reply = thread
    forum_services.set_topic_hidden(topic, True, moderator=MembershipFactory().user, reason="x")
    assert not _indexed(topic)


def test_indexing_deleted_post_leaves_the_index(thread):
    topic, reply = thread
    forum_services.delete_own_post(reply, user=reply.author)
    assert not _indexed(reply)


def test_indexing_engine_down_saving_works_and_the_update_waits(home_page, settings):
    settings.WAGTAILSEARCH_BACKENDS = DOWN
    page = StandardPageFactory(parent=home_page, title="Written while down", slug="down")
    page.save_revision().publish()
    retry = IndexRetry.objects.get(object_id=str(page.pk))
    assert retry.action == "update" and "search server is down" in retry.last_error
    assert not _indexed(page)

    # Still down: the retry waits longer each time.
    later = timezone.now() + datetime.timedelta(hours=1)
    assert tasks.replay(now=later) == (0, 1)
    retry.refresh_from_db()
    assert retry.attempts == 1
    assert retry.next_attempt_at == later + backoff(2)

    # Back up: the replay indexes the page and clears the queue.
    settings.WAGTAILSEARCH_BACKENDS = UP
    assert tasks.replay(now=later + datetime.timedelta(days=1)) == (1, 0)
    assert not IndexRetry.objects.exists()
    assert _indexed(page)
    assert services.search(_anon(), "written", language="en").total == 1


def test_indexing_engine_down_a_post_is_saved_and_queued(thread, settings):
    topic, _reply = thread
    settings.WAGTAILSEARCH_BACKENDS = DOWN
    post = make_reply(topic, topic.first_post.author, markdown="Posted while down.")
    assert Post.objects.filter(pk=post.pk).exists()
    assert IndexRetry.objects.filter(model_name="post", object_id=str(post.pk)).exists()
    settings.WAGTAILSEARCH_BACKENDS = UP
    tasks.replay(now=timezone.now() + datetime.timedelta(days=1))
    assert _indexed(post)


def test_indexing_a_removal_that_failed_is_replayed(thread, settings):
    topic, reply = thread
    settings.WAGTAILSEARCH_BACKENDS = DOWN
    forum_services.set_post_hidden(reply, True, moderator=MembershipFactory().user, reason="x")
    assert IndexRetry.objects.get(object_id=str(reply.pk)).action == "remove"
    assert _indexed(reply)  # the engine never heard of it
    settings.WAGTAILSEARCH_BACKENDS = UP
    tasks.replay(now=timezone.now() + datetime.timedelta(days=1))
    assert not _indexed(reply)


def test_indexing_backoff_grows_and_is_capped():
    assert [backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert backoff(40) == datetime.timedelta(hours=6)


def test_search_status_reports_counts_and_retries(thread, settings):
    out = StringIO()
    call_command("search_status", stdout=out)
    report = out.getvalue()
    assert "forum.Post" in report and "Pending retries: 0" in report
    line = next(line for line in report.splitlines() if line.startswith("forum.Post"))
    assert line.split()[1:3] == ["2", "2"]

    settings.WAGTAILSEARCH_BACKENDS = DOWN
    topic, _reply = thread
    make_reply(topic, topic.first_post.author, markdown="Queued.")
    out = StringIO()
    call_command("search_status", stdout=out)
    assert "Pending retries: 1 (0 due now)" in out.getvalue()


def _anon():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
