"""Wagtail's Elasticsearch 8 / OpenSearch 2 backends with language analysis
(``"INNER": "search.elasticsearch.Elasticsearch8"`` or ``"search.elasticsearch.OpenSearch2"``).

Wagtail analyses ``_all_text`` with the standard analyzer: no stemming, Arabic marks kept.
Here the catch-all fields (``_all_text`` and ``_all_text_boost_*``)

- are analysed by ``gpe_text``: standard tokenizer, lowercase, Arabic normalisation (marks and
  tatweel removed, alef forms unified), ASCII folding, so Arabic is found with or without its
  marks and ``é`` matches ``e``;
- carry one sub-field per site language analysed by Elasticsearch's own language analyzer
  (``_all_text.en`` … ``english``, ``french``, ``spanish``, ``arabic``), and queries match the
  field and its sub-fields, so ``partenariats`` finds ``partenariat``.

Every other part of the request is Wagtail's: the access filter (``pk__in`` from
``partners.access.searchable``) becomes a ``terms`` filter on the visible primary keys. The
site search asks Elasticsearch for primary keys and scores only; it never asks for
highlights, aggregations or stored text (search.services counts facets and search.highlight
marks snippets from rows loaded through access). tests/search/test_elasticsearch.py asserts
the request bodies.
"""

from __future__ import annotations

from copy import deepcopy
from functools import cache

from modelsearch.backends.elasticsearchbase import Field
from modelsearch.utils import deep_update

LANGUAGE_ANALYZERS = {"en": "english", "fr": "french", "es": "spanish", "ar": "arabic"}
TEXT_ANALYZER = "gpe_text"
INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                TEXT_ANALYZER: {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "arabic_normalization", "asciifolding"],
                }
            }
        }
    }
}


def _is_catch_all(name: str) -> bool:
    return name == "_all_text" or name.startswith("_all_text_boost_")


class MappingMixin:
    def get_mapping(self):
        mapping = super().get_mapping()
        for name, field in mapping["properties"].items():
            if _is_catch_all(name):
                field["analyzer"] = TEXT_ANALYZER
                field["fields"] = {
                    code: {"type": "text", "analyzer": analyzer}
                    for code, analyzer in LANGUAGE_ANALYZERS.items()
                }
        return mapping


class QueryCompilerMixin:
    def _remap_fields(self, fields):
        remapped = super()._remap_fields(fields)
        return remapped + [
            Field(f"{field.field_name}.{code}", field.boost)
            for field in remapped
            if _is_catch_all(field.field_name)
            for code in LANGUAGE_ANALYZERS
        ]


@cache
def _language_backend(module):
    """Subclasses of one of Wagtail's Elasticsearch-style backend modules."""
    base = module.SearchBackend

    mapping = type("Mapping", (MappingMixin, base.mapping_class), {})
    compiler = type(
        "QueryCompiler", (QueryCompilerMixin, base.query_compiler_class), {"mapping_class": mapping}
    )
    index = type("Index", (base.index_class,), {"mapping_class": mapping})

    class Backend(base):
        mapping_class = mapping
        query_compiler_class = compiler
        index_class = index

        def __init__(self, params):
            params = dict(params)
            own = params.pop("INDEX_SETTINGS", {})
            params["INDEX_SETTINGS"] = deep_update(deepcopy(INDEX_SETTINGS), own)
            super().__init__(params)

    Backend.__name__ = Backend.__qualname__ = f"Language{base.__name__}"
    return Backend


def __getattr__(name):
    # Built on first use: the OpenSearch client is only needed where OpenSearch is configured.
    if name == "Elasticsearch8":
        from modelsearch.backends import elasticsearch8

        return _language_backend(elasticsearch8)
    if name == "OpenSearch2":
        from modelsearch.backends import opensearch2

        return _language_backend(opensearch2)
    raise AttributeError(name)
