"""Wagtail's database search backend, per language (``"INNER": "search.database"``).

Wagtail's database backends take one ``SEARCH_CONFIG`` per backend, and every database backend
writes the same index table, so "one backend per language" makes each overwrite the others'
vectors (wagtail#9253). Here one backend indexes every object in its own language instead:

- **PostgreSQL**: each object's vectors are built with the text-search configuration of its
  language (``english``, ``french``, ``spanish``, ``arabic``: a page's locale, a post's
  ``language``); an object of no known language gets the vectors of every configuration. A
  query is parsed in each configuration and the results OR'ed, so ``partenariats`` finds
  ``partenariat`` in French text and ``prisons`` finds ``prison`` in English text. Excluded
  words (``-word``) are excluded in every configuration. Autocomplete keeps Wagtail's
  ``simple`` configuration (prefixes, no stemming).
- **SQLite** (FTS5, ``unicode61`` tokenizer): no stemming for these languages; FTS5 folds Latin
  accents itself.
- **Both**: Arabic marks (harakat, tatweel) are stripped from the indexed text, and from queries
  by ``search.indexing`` (every backend), so Arabic is found written with or without them.

Any other database gets Wagtail's own fallback backend.
"""

from __future__ import annotations

import operator
import re
from functools import reduce

from django.db import connection

from .text import strip_marks

LANGUAGE_CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ar": "arabic"}
AVERAGE_TITLE_KEY = "gpe:search:average-title-length"


_locales: dict[int, str] = {}


def language_of(obj) -> str:
    """The language an object is written in: a page's locale, else its ``language`` field;
    "" when unknown. Locales are read once per process (again when a new one appears)."""
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is not None:
        if locale_id not in _locales:
            from wagtail.models import Locale

            _locales.update(Locale.objects.values_list("pk", "language_code"))
        return _locales.get(locale_id, "")
    return getattr(obj, "language", "") or ""


def forget_locales() -> None:
    _locales.clear()


def configs_for(language: str) -> tuple[str, ...]:
    config = LANGUAGE_CONFIGS.get(language.split("-")[0])
    return (config,) if config else tuple(sorted(set(LANGUAGE_CONFIGS.values())))


def SearchBackend(params):
    if connection.vendor == "postgresql":
        return _postgres_backend()(params)
    backend = _database_backend()(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        return _sqlite_backend()(params)
    return backend


def _database_backend():
    from modelsearch.backends.database import SearchBackend as database

    return database


def _postgres_backend():
    from django.contrib.postgres.search import SearchQuery, SearchVector
    from django.core.cache import cache
    from django.db.models import Avg
    from django.db.models.functions import Length
    from django.db.models.sql.subqueries import InsertQuery
    from modelsearch.backends.database.postgres import postgres
    from modelsearch.backends.database.postgres.query import Lexeme
    from modelsearch.query import Phrase, PlainText
    from modelsearch.utils import ADD, get_content_type_pk

    IndexEntry = postgres.IndexEntry

    class ObjectIndexer(postgres.ObjectIndexer):
        def __init__(self, obj, backend, configs):
            super().__init__(obj, backend)
            self.configs = configs

        def prepare_value(self, value):
            return strip_marks(super().prepare_value(value))

        def as_vector(self, texts, for_autocomplete=False):
            if for_autocomplete:
                return super().as_vector(texts, for_autocomplete=True)
            vectors = []
            for config in self.configs:
                self.config = config
                vectors.append(super().as_vector(texts))
            return ADD(vectors) if len(vectors) > 1 else vectors[0]

    class Index(postgres.PostgresIndex):
        def add_items(self, model, objs):
            """Wagtail's ``add_items`` (one INSERT … ON CONFLICT for all objects), with each
            object's vectors built in its own language."""
            if not model.get_search_fields() or not objs:
                return
            indexers = [
                ObjectIndexer(obj, self.backend, configs_for(language_of(obj))) for obj in objs
            ]
            content_type_pk = get_content_type_pk(model)
            compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
            rows, params = [], []
            for indexer in indexers:
                params.extend((content_type_pk, indexer.id))
                vectors = []
                for name in ("title", "autocomplete", "body"):
                    value = compiler.prepare_value(
                        IndexEntry._meta.get_field(name), getattr(indexer, name)
                    )
                    sql, value_params = value.as_sql(compiler, self.write_connection)
                    vectors.append(sql)
                    params.extend(value_params)
                params.extend((indexer.title_text, indexer.body_text))
                rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, %s, %s)")
            with self.write_connection.cursor() as cursor:
                # title_norm (average title length / this title's length) written with the
                # row: Wagtail writes 1.0, then averages every title and rewrites the row.
                # Only the table's name and placeholders are formatted in; values are params.
                cursor.execute(
                    f"""
                    INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title,
                        autocomplete, body, title_norm, title_text, body_text)
                    SELECT content_type_id, object_id, title, autocomplete, body,
                        CASE WHEN length(title) > 0 THEN %s / length(title) ELSE 1.0 END,
                        title_text, body_text
                    FROM (VALUES {", ".join(rows)}) AS new (content_type_id, object_id, title,
                        autocomplete, body, title_text, body_text)
                    ON CONFLICT (content_type_id, object_id)
                    DO UPDATE SET title = EXCLUDED.title, title_norm = EXCLUDED.title_norm,
                        autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,
                        title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
                    """,  # noqa: S608
                    [self._average_title_length(), *params],
                )

        def _average_title_length(self) -> float:
            """Average lexemes per title over the index, kept an hour: it moves slowly, and
            reading it costs a scan of the whole table (~40 ms at 50,000 entries), which
            Wagtail paid on every save, with an update of the table to follow."""
            average = cache.get(AVERAGE_TITLE_KEY)
            if average is None:
                average = (
                    self.entries.annotate(title_length=Length("title"))
                    .filter(title_length__gt=0)
                    .aggregate(Avg("title_length"))["title_length__avg"]
                )
                if average is None:  # no title yet (a first rebuild): ask again next time
                    return 1.0
                cache.set(AVERAGE_TITLE_KEY, average, timeout=3600)
            return float(average)

        def _refresh_title_norms(self, full=False):
            """Only a rebuild's full refresh (exact, every row); single updates wrote theirs."""
            if full:
                cache.delete(AVERAGE_TITLE_KEY)
                super()._refresh_title_norms(full=True)

    class QueryCompilerMixin:
        FIELD_VECTOR_KWARGS: dict = {}

        def query_configs(self):
            return tuple(sorted(set(LANGUAGE_CONFIGS.values())))

        def build_tsquery(self, query, config=None):
            """The query parsed in each language's configuration, OR'ed."""
            branches = [
                self.build_tsquery_content(query, config=branch) for branch in self.query_configs()
            ]
            branches = [branch for branch in branches if branch is not None]
            return reduce(operator.or_, branches) if branches else None

        def get_fields_vectors(self, search_query):
            """``search(fields=[…])`` (Wagtail's admin): each field's vector in every
            configuration, as the query is parsed in every configuration."""
            return [
                (
                    reduce(
                        operator.add,
                        [
                            SearchVector(field_lookup, config=config, **self.FIELD_VECTOR_KWARGS)
                            for config in self.query_configs()
                        ],
                    ),
                    search_field.boost if not self.FIELD_VECTOR_KWARGS else 1.0,
                )
                for field_lookup, search_field in self.search_fields.items()
            ]

        def _excluded(self, value, search_type, prefix=False):
            """An excluded word or phrase: absent in every configuration."""
            return reduce(
                operator.and_,
                [
                    ~SearchQuery(
                        Lexeme(value, prefix=prefix) if search_type == "raw" else value,
                        search_type=search_type,
                        config=config,
                    )
                    for config in self.query_configs()
                ],
            )

        def build_tsquery_content(self, query, config=None, invert=False):
            if isinstance(query, PlainText):
                terms = [t for t in re.split(r"[\s\-]+", strip_marks(query.query_string)) if t]
                if not terms:
                    return None
                nodes = []
                for position, term in enumerate(terms, start=1):
                    prefix = self.LAST_TERM_IS_PREFIX and position == len(terms)
                    if invert:
                        nodes.append(self._excluded(term, "raw", prefix))
                    else:
                        lexeme = Lexeme(term, prefix=prefix)
                        nodes.append(SearchQuery(lexeme, search_type="raw", config=config))
                combine = operator.and_ if query.operator == "and" else operator.or_
                return reduce(combine, nodes)
            if isinstance(query, Phrase):
                text = strip_marks(query.query_string)
                if invert:
                    return self._excluded(text, "phrase")
                return SearchQuery(text, search_type="phrase", config=config)
            return super().build_tsquery_content(query, config=config, invert=invert)

    class QueryCompiler(QueryCompilerMixin, postgres.PostgresSearchQueryCompiler):
        pass

    class AutocompleteQueryCompiler(QueryCompilerMixin, postgres.PostgresAutocompleteQueryCompiler):
        FIELD_VECTOR_KWARGS = {"weight": "D"}

        def query_configs(self):
            return ("simple",)

    class Backend(postgres.PostgresSearchBackend):
        query_compiler_class = QueryCompiler
        autocomplete_query_compiler_class = AutocompleteQueryCompiler
        index_class = Index

    return Backend


def _sqlite_backend():
    from modelsearch.backends.database.sqlite import sqlite
    from modelsearch.utils import get_content_type_pk

    class Index(sqlite.SQLiteIndex):
        def add_items(self, model, objs):
            """Wagtail's ``add_items``, then Arabic marks stripped from the entries of the
            objects that have them (the FTS table follows through its update trigger); no
            extra query when there are none."""
            super().add_items(model, objs)
            content_type_pk = get_content_type_pk(model)
            for obj in objs:
                indexer = sqlite.ObjectIndexer(obj, self.backend)
                texts = {name: getattr(indexer, name) for name in ("title", "body", "autocomplete")}
                stripped = {name: strip_marks(text) for name, text in texts.items()}
                if stripped != texts:
                    self.entries.filter(
                        content_type_id=content_type_pk, object_id=indexer.id
                    ).update(**stripped)

    class Backend(sqlite.SQLiteSearchBackend):
        index_class = Index

    return Backend
