"""The Elasticsearch contract, by request bodies. No Elasticsearch server runs here: the client
talks to ``FakeNode``, an HTTP node that records every request (method, path, decoded body)
and answers like a server would (a search answers every primary key the access filter allows,
best first). So these tests assert what goes over the wire: the access filter, no highlight or
aggregation ever asked for, the language analysers in the index and in queries, removals, and
that a failing server sends updates to the retry queue and the search page to its 503.
"""

import json

import pytest
from django.contrib.auth import get_user_model
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport._node._base import NodeApiResponse
from wagtail.search.backends import get_search_backend

from forum import services as forum_services
from forum.factories import make_reply
from forum.models import Post
from search import services
from search.elasticsearch import LANGUAGE_ANALYZERS, TEXT_ANALYZER
from search.models import IndexRetry

pytestmark = pytest.mark.django_db


class FakeNode(BaseNode):
    """An Elasticsearch node in memory: records requests, answers with recorded shapes."""

    requests: list[tuple[str, str, object]] = []
    down = False

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        decoded = None
        if body:
            text = body.decode()
            try:
                decoded = json.loads(text)
            except ValueError:  # _bulk: one JSON document per line
                decoded = [json.loads(line) for line in text.splitlines() if line]
        FakeNode.requests.append((method, target.split("?")[0], decoded))
        if FakeNode.down:
            raise TransportConnectionError("connection refused")
        payload = self._answer(method, target, decoded)
        meta = ApiResponseMeta(
            status=200,
            http_version="1.1",
            headers=HttpHeaders(
                {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
            ),
            duration=0.0,
            node=self.config,
        )
        return NodeApiResponse(meta, json.dumps(payload).encode())

    @staticmethod
    def _answer(method, target, body):
        if "/_search" in target:
            pks = _terms(body.get("query", {}), "id_filter") or _page_pks(body)
            hits = [
                {"_id": str(pk), "_score": 10.0 - i, "fields": {"pk": [str(pk)]}}
                for i, pk in enumerate(pks or [])
            ]
            return {"hits": {"total": {"value": len(hits)}, "hits": hits}}
        if "/_bulk" in target:
            return {"errors": False, "items": []}
        return {"acknowledged": True, "result": "updated"}


def _page_pks(body):
    from wagtail.models import Page

    paths = _terms(body.get("query", {}), "path_filter") or []
    return list(Page.objects.filter(path__in=paths).values_list("pk", flat=True))


def _terms(node, field):
    """The values of the ``terms`` filter on ``field`` anywhere in a query body (the access
    filter: ``FilterField("id")`` is indexed as ``id_filter``)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "terms" and field in value:
                return value[field]
            found = _terms(value, field)
            if found is not None:
                return found
    elif isinstance(node, list):
        for item in node:
            found = _terms(item, field)
            if found is not None:
                return found
    return None


def _keys(node):
    """Every key anywhere in a request body."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _keys(value)
    elif isinstance(node, list):
        for item in node:
            yield from _keys(item)


@pytest.fixture
def es(settings):
    FakeNode.requests, FakeNode.down = [], False
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends",
            "INNER": "search.elasticsearch.Elasticsearch8",
            "URLS": ["http://es.test:9200"],
            "INDEX_PREFIX": "gpe_",
            "TIMEOUT": 5,
            "OPTIONS": {"node_class": FakeNode},
        }
    }
    return FakeNode


def _searches(fake, index):
    return [body for method, target, body in fake.requests if target == f"/{index}/_search"]


def test_search_sends_the_access_filter_and_reads_the_answer(client, content, es):
    body = client.get("/en/search/", {"q": "prisons"}).content.decode()
    [posts] = _searches(es, "gpe_forum_post")
    visible = {str(pk) for pk in _terms(posts["query"], "id_filter")}
    public = content["topic-public"]
    assert visible == {str(post.pk) for post in public.posts.all()} - {
        str(content["post-hidden"].pk)
    }
    # Page types: the access filter goes on Page.path (Wagtail drops filters on page_ptr_id).
    paths = set()
    for search in _searches(es, "gpe_wagtailcore_page"):
        filtered = _terms(search["query"], "path_filter")
        assert filtered is not None
        paths.update(filtered)
    for name in ("policy", "annex", "page-public", "practice-public", "event-public"):
        assert content[name].path in paths
    for name in ("page-members", "page-groups", "page-draft", "practice-groups", "event-members"):
        assert content[name].path not in paths
    # The recorded answers are what the page shows and counts: the six public results.
    assert "6 results" in body and "topic-members" not in body


def test_search_asks_for_primary_keys_only(client, content, es):
    """No highlight, no aggregation, no stored text: facets and snippets are made from rows
    loaded through access, so no field the reader may not see can come back from the index."""
    client.get("/en/search/", {"q": "prisons", "type": "topic"})
    searches = [body for _method, target, body in es.requests if target.endswith("/_search")]
    assert searches
    for body in searches:
        keys = set(_keys(body))
        assert not keys & {"highlight", "aggs", "aggregations", "post_filter", "suggest"}
        assert body["_source"] is False and body["stored_fields"] == "pk"


def test_search_queries_the_language_subfields_and_strips_arabic_marks(content, es, anonymous):
    services.search(anonymous, "مُرَاقَبَة", language="ar")
    [posts] = _searches(es, "gpe_forum_post")
    match = json.dumps(posts["query"], ensure_ascii=False)
    assert '"مراقبة"' in match and "مُ" not in match
    [multi_match] = [node["multi_match"] for node in _walk(posts["query"]) if "multi_match" in node]
    for code in LANGUAGE_ANALYZERS:
        assert f"_all_text.{code}" in multi_match["fields"]


def _walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def test_index_is_created_with_the_language_analysers(es):
    index = get_search_backend().get_index_for_model(Post)
    index.put()
    index.add_model(Post)
    [settings] = [body for method, target, body in es.requests if target == "/gpe_forum_post"]
    analyzer = settings["settings"]["analysis"]["analyzer"][TEXT_ANALYZER]
    assert analyzer["filter"] == ["lowercase", "arabic_normalization", "asciifolding"]
    [mapping] = [body for _m, target, body in es.requests if target == "/gpe_forum_post/_mapping"]
    all_text = mapping["properties"]["_all_text"]
    assert all_text["analyzer"] == TEXT_ANALYZER
    assert {code: field["analyzer"] for code, field in all_text["fields"].items()} == {
        "en": "english",
        "fr": "french",
        "es": "spanish",
        "ar": "arabic",
    }


def test_indexing_sends_no_author_and_removes_a_hidden_post(content, es):
    topic = content["topic-public"]
    reply = make_reply(topic, markdown="A word on lighthouses.")
    [(method, target, document)] = [r for r in es.requests if r[1].startswith("/gpe_forum_post/")]
    assert (method, target) == ("PUT", f"/gpe_forum_post/_doc/{reply.pk}")
    sent = json.dumps(document)
    assert "lighthouses" in sent and reply.author.username not in sent
    es.requests.clear()
    forum_services.set_post_hidden(reply, True, moderator=_moderator_user(), reason="test")
    assert ("DELETE", f"/gpe_forum_post/_doc/{reply.pk}", None) in es.requests


def _moderator_user():
    return get_user_model().objects.get(username="content-moderator")  # made by `content`


def test_server_down_saving_works_updates_wait_and_the_page_says_so(client, content, es):
    es.down = True
    reply = make_reply(content["topic-public"], markdown="Written while the index is down.")
    assert Post.objects.filter(pk=reply.pk).exists()
    retry = IndexRetry.objects.get(model_name="post", object_id=str(reply.pk))
    assert retry.action == "update" and "ConnectionError" in retry.last_error
    response = client.get("/en/search/", {"q": "prisons"})
    assert response.status_code == 503
