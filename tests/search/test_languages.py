"""Languages in the index (search.database, search.text): stemming per language on PostgreSQL
(wagtail#9253: one backend, each object indexed in its own language's configuration), Arabic
found with or without its marks on every database backend."""

import pytest
from django.conf import settings
from django.db import connection
from wagtail.search.backends import get_search_backend

from forum.factories import CategoryFactory, make_topic
from forum.models import Post, Topic
from home.factories import StandardPageFactory
from home.models import StandardPage
from partners.models import Audience
from search import database, services
from search.text import normalise_query, strip_marks

pytestmark = pytest.mark.django_db

POSTGRES_ONLY = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="stemming needs PostgreSQL's text-search configurations; SQLite FTS5 has none "
    "for these languages (search/README.md); CI runs this module on PostgreSQL",
)

ARABIC_WITH_MARKS = "مُرَاقَبَةُ السُّجُونِ"  # monitoring of prisons, with harakat
ARABIC_WITHOUT = "مراقبة السجون"


def _post(text, language, title="A thread"):
    category = CategoryFactory(audience=Audience.PUBLIC)
    return make_topic(category, title=title, markdown=text, language=language).first_post


def _found(query, queryset):
    """What the backend finds for ``query`` typed in the search box."""
    return list(get_search_backend().search(services.parse(query).search_query(), queryset))


def test_strip_marks_and_queries():
    assert strip_marks(ARABIC_WITH_MARKS) == ARABIC_WITHOUT
    assert strip_marks("ـمـراقـبـة") == "مراقبة"  # tatweel
    from modelsearch.query import And, Not, Phrase, PlainText

    query = normalise_query(And([PlainText("مُرَاقَبَة"), Not(Phrase("السُّجُون"))]))
    assert query.subqueries[0].query_string == "مراقبة"
    assert query.subqueries[1].subquery.query_string == "السجون"


def test_configuration_per_object_language(home_page, locales):
    page = StandardPageFactory(parent=home_page, title="Partenariats", slug="p")
    french = page.copy_for_translation(locales["fr"], copy_parents=True)
    assert database.configs_for(database.language_of(french)) == ("french",)
    assert database.configs_for(database.language_of(page)) == ("english",)
    post = _post("Texto", "es")
    assert database.configs_for(database.language_of(post)) == ("spanish",)
    # A topic has no language of its own: it is indexed in every configuration.
    assert database.configs_for(database.language_of(post.topic)) == (
        "arabic",
        "english",
        "french",
        "spanish",
    )


@pytest.mark.parametrize(
    ("text", "query"),
    [(ARABIC_WITH_MARKS, ARABIC_WITHOUT), (ARABIC_WITHOUT, ARABIC_WITH_MARKS)],
)
@pytest.mark.parametrize("language", ["ar", "en"])
def test_arabic_is_found_with_or_without_marks(text, query, language):
    """On every database backend: marks are stripped when indexing and when querying (an
    Arabic quotation in an English post too, which no Arabic stemmer sees)."""
    post = _post(f"Notes: {text}.", language)
    assert _found(query, Post.objects.all()) == [post]
    assert _found(query.split()[0], Post.objects.all()) == [post]


def test_arabic_marks_in_a_page_title_and_autocomplete(home_page):
    page = StandardPageFactory(parent=home_page, title=ARABIC_WITH_MARKS, slug="ar")
    page.save_revision().publish()
    assert _found(ARABIC_WITHOUT, StandardPage.objects.all()) == [page.specific]
    suggestions = list(get_search_backend().autocomplete("مراق", StandardPage.objects.all()))
    assert suggestions == [page.specific]


@POSTGRES_ONLY
@pytest.mark.parametrize(
    ("text", "language", "query"),
    [
        ("Un partenariat pour les prisons.", "fr", "partenariats"),
        ("Les partenariats régionaux.", "fr", "partenariat"),
        ("Visits to prisons.", "en", "prison"),
        ("Monitoring detention.", "en", "monitored"),
        ("Las asociaciones regionales.", "es", "asociación"),
        ("تقرير عن المراقبة", "ar", "مراقبة"),  # the article and the taa marbuta
    ],
)
def test_stemming_per_language(text, language, query):
    post = _post(text, language)
    assert _found(query, Post.objects.all()) == [post]


@POSTGRES_ONLY
def test_stemming_in_the_page_language(home_page, locales):
    english = StandardPageFactory(parent=home_page, title="Cooperation", slug="coop")
    french = english.copy_for_translation(locales["fr"], copy_parents=True)
    french.title = "Les partenariats régionaux"
    french.save_revision().publish()
    english.save_revision().publish()
    assert _found("partenariat", StandardPage.objects.all()) == [french.specific]


@POSTGRES_ONLY
def test_stemming_when_searching_named_fields(home_page):
    """Wagtail's admin searches named fields (``fields=[…]``): parsed the same way."""
    page = StandardPageFactory(parent=home_page, title="Monitoring visits", slug="m")
    page.save_revision().publish()
    backend = get_search_backend()
    found = backend.search("monitored", StandardPage.objects.all(), fields=["title"])
    assert list(found) == [page.specific]
    assert list(backend.autocomplete("Moni", StandardPage.objects.all(), fields=["title"])) == [
        page.specific
    ]


@POSTGRES_ONLY
def test_excluded_word_is_excluded_in_every_language():
    """English "monitoring" is stored as "monitor"; parsed in French the excluded word would
    stay "monitoring" and miss it. Excluded words are excluded in every configuration."""
    english = _post("Monitoring prisons.", "en")
    other = _post("Visiting prisons.", "en")
    assert set(_found("prisons", Post.objects.all())) == {english, other}
    assert _found("prisons -monitoring", Post.objects.all()) == [other]
    assert _found('prisons -"monitoring prisons"', Post.objects.all()) == [other]


@POSTGRES_ONLY
def test_stop_words_of_one_language_do_not_empty_another():
    """ "les" is a French stop word: parsed in French it drops out, so a French post is found;
    parsed in English it is a word the English post lacks."""
    french = _post("Les partenariats.", "fr")
    assert _found("les partenariats", Post.objects.all()) == [french]


@POSTGRES_ONLY
def test_topic_titles_are_indexed_in_every_language():
    _post("Texte.", "fr", title="Partenariats régionaux")
    assert [t.title for t in _found("partenariat", Topic.objects.all())] == [
        "Partenariats régionaux"
    ]


def test_postgresql_run_uses_the_language_backend():
    inner = get_search_backend().inner
    assert type(inner).__module__ == "search.database"
    postgres = connection.vendor == "postgresql"
    expected = "PostgresSearchBackend" if postgres else "SQLiteSearchBackend"
    assert type(inner).__mro__[1].__name__ == expected
