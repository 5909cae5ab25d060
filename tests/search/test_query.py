"""The search box's syntax (search.query)."""

from modelsearch.query import MATCH_ALL, And, Not, Or, Phrase, PlainText

from search.query import parse

TYPES = ("policy", "practice", "topic")
LANGS = ("en", "fr", "es", "ar")


def _parse(text):
    return parse(text, type_names=TYPES, language_codes=LANGS)


def test_query_words_are_all_required():
    query = _parse("torture prevention").search_query()
    assert isinstance(query, And)
    assert [q.query_string for q in query.subqueries] == ["torture", "prevention"]


def test_query_one_word_is_plain_text():
    query = _parse("torture").search_query()
    assert isinstance(query, PlainText) and query.query_string == "torture"


def test_query_exact_phrase():
    query = _parse('"national preventive mechanism"').search_query()
    assert isinstance(query, Phrase)
    assert query.query_string == "national preventive mechanism"


def test_query_quoted_single_word_is_a_word():
    query = _parse('"prisons"').search_query()
    assert isinstance(query, PlainText)


def test_query_excluded_word_and_phrase():
    parsed = _parse('detention -prison -"death penalty"')
    query = parsed.search_query()
    assert isinstance(query, And)
    first, second, third = query.subqueries
    assert isinstance(first, PlainText)
    assert isinstance(second, Not) and second.subquery.query_string == "prison"
    assert isinstance(third, Not) and isinstance(third.subquery, Phrase)
    assert parsed.highlight_terms() == ["detention"]


def test_query_or_binds_tighter_than_and():
    query = _parse("monitoring detention OR custody").search_query()
    assert isinstance(query, And)
    assert isinstance(query.subqueries[1], Or)
    assert [q.query_string for q in query.subqueries[1].subqueries] == ["detention", "custody"]


def test_query_or_at_the_edges_is_ignored():
    assert isinstance(_parse("OR torture OR").search_query(), PlainText)


def test_query_excluded_word_joins_no_or():
    query = _parse("a OR -b").search_query()
    assert isinstance(query, And)
    assert isinstance(query.subqueries[1], Not)


def test_query_filters():
    parsed = _parse("torture type:policy type:topic lang:fr before:2024 after:2020")
    assert parsed.types == ["policy", "topic"]
    assert parsed.languages == ["fr"]
    assert (parsed.before, parsed.after) == (2024, 2020)
    assert isinstance(parsed.search_query(), PlainText)
    assert parsed.year_allowed(2021) and parsed.year_allowed(2023)
    assert not parsed.year_allowed(2020) and not parsed.year_allowed(2024)
    assert not parsed.year_allowed(None)


def test_query_filters_only_match_everything():
    parsed = _parse("type:policy")
    assert parsed.search_query() is MATCH_ALL
    assert parsed.has_filters and not parsed.has_terms


def test_query_unknown_or_malformed_filters_are_words():
    parsed = _parse("type:nonsense lang:xx before:20 colour:red")
    assert not parsed.has_filters
    assert parsed.highlight_terms() == ["type:nonsense", "lang:xx", "before:20", "colour:red"]


def test_query_filter_keys_ignore_case():
    assert _parse("TYPE:Policy LANG:AR").types == ["policy"]


def test_query_strips_syntax_characters_and_limits_terms():
    parsed = _parse("(torture)* " + " ".join(f"w{i}" for i in range(40)))
    terms = parsed.highlight_terms()
    assert terms[0] == "torture"
    assert len(terms) == 12


def test_query_empty_and_unclosed_quote():
    assert _parse("").search_query() is MATCH_ALL
    assert _parse('""').search_query() is MATCH_ALL
    assert isinstance(_parse('"open phrase').search_query(), Phrase)
