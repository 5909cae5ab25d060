"""The search contract against a real Elasticsearch or OpenSearch server, when one is named:
``ELASTICSEARCH_URL=http://127.0.0.1:9200 make test PYTEST_ARGS=tests/search`` (or
``OPENSEARCH_URL``). Without either, the suite uses the database backend and this module is
not used.

``gpe_site/settings/test.py`` names this module as the backend. The site's backend is used as
configured (``search.elasticsearch``, wrapped by
``search.backends``) with two differences a test needs and production does not:

- its indexes are this test process's own (``gpe_test_<xdist worker>_…``), created once per
  session with the site's mappings and emptied before each test, because the database rolls
  back after every test and primary keys come round again;
- every write refreshes the index it wrote to, so a search right after a save sees it (a
  server makes writes searchable within a second; a test cannot wait for that).
"""

from __future__ import annotations

from search.indexing import ResilientSearchBackend


class RefreshingSearchBackend(ResilientSearchBackend):
    def _refresh(self, model) -> None:
        self.inner.get_index_for_model(model).refresh()

    def add(self, obj):
        done = super().add(obj)
        self._refresh(type(obj))
        return done

    def add_bulk(self, model, obj_list):
        super().add_bulk(model, obj_list)
        self._refresh(model)

    def delete(self, obj):
        done = super().delete(obj)
        self._refresh(type(obj))
        return done

    def prepare(self) -> None:
        """Create this process's indexes with the site's mappings (once per session)."""
        from modelsearch.index import get_indexed_models

        made = set()
        for model in get_indexed_models():
            index = self.inner.get_index_for_model(model)
            if index.name not in made:
                index.reset()
                made.add(index.name)
            index.add_model(model)

    def empty(self) -> None:
        """Remove every document of this process's indexes (mappings stay)."""
        self.inner.es.delete_by_query(
            index=f"{self.inner.index_prefix}*",
            query={"match_all": {}},
            refresh=True,
            conflicts="proceed",
        )


SearchBackend = RefreshingSearchBackend
