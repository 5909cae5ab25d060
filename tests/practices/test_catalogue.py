"""The catalogue's counting: disjunctive facets, only what the reader may see, translations
listed once, facets equal across languages, search, sort and pagination."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from wagtail.models import PageViewRestriction

from practices.catalogue import Catalogue

pytestmark = pytest.mark.django_db


def catalogue(index, query="", user=None, language="en"):
    return Catalogue(index, QueryDict(query), user or AnonymousUser(), language=language)


def counts(cat, facet):
    return {option.value: (option.count, option.selected) for option in cat.facet_options(facet)}


def titles(cat):
    return [entry.row["title"] for entry in cat.results]


def restrict(page, kind=PageViewRestriction.LOGIN, groups=()):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    restriction.groups.set(groups)
    return restriction


def test_catalogue_counts_are_disjunctive(catalogue_page, make_practice, themes, regions):
    rehab, legal, prevention = themes["rehabilitation"], themes["legal-aid"], themes["prevention"]
    africa, americas = regions["africa"], regions["americas"]
    make_practice(title="A", themes=[rehab], regions=[africa])
    make_practice(title="B", themes=[rehab, legal], regions=[americas])
    make_practice(title="C", themes=[legal], regions=[africa])
    make_practice(title="D", themes=[prevention], regions=[americas])

    cat = catalogue(catalogue_page, "theme=rehabilitation")
    assert sorted(titles(cat)) == ["A", "B"]
    # Choosing a theme still shows how many practices each other theme has.
    key = lambda t: str(t.translation_key)  # noqa: E731
    assert counts(cat, "theme") == {
        key(prevention): (1, False),
        key(rehab): (2, True),
        key(legal): (2, False),
    }
    # Other facets count within the chosen theme.
    assert counts(cat, "region") == {key(africa): (1, False), key(americas): (1, False)}

    # OR within a facet, AND across facets.
    cat = catalogue(catalogue_page, "theme=rehabilitation&theme=legal-aid&region=africa")
    assert sorted(titles(cat)) == ["A", "C"]
    assert counts(cat, "theme")[key(rehab)] == (1, True)
    assert counts(cat, "theme")[key(legal)] == (1, True)
    assert counts(cat, "region") == {key(africa): (2, True), key(americas): (1, False)}


def test_catalogue_chosen_values_stay_listed_with_zero(
    catalogue_page, make_practice, themes, regions
):
    make_practice(title="A", themes=[themes["rehabilitation"]], regions=[regions["africa"]])
    cat = catalogue(catalogue_page, "region=africa&theme=advocacy")
    assert titles(cat) == []
    advocacy = str(themes["advocacy"].translation_key)
    assert counts(cat, "theme")[advocacy] == (0, True)
    # Values with nothing and not chosen are left out.
    assert str(themes["research"].translation_key) not in counts(cat, "theme")


def test_catalogue_never_counts_what_the_reader_may_not_see(
    catalogue_page, make_practice, themes, member, group_member, working_group
):
    rehab = themes["rehabilitation"]
    make_practice(title="Public", themes=[rehab], countries=["KE"])
    restrict(make_practice(title="Members", themes=[rehab], countries=["PE"]))
    restrict(
        make_practice(title="Group", themes=[rehab], countries=["NP"]),
        PageViewRestriction.GROUPS,
        [working_group],
    )
    draft = make_practice(title="Draft", themes=[rehab], countries=["MX"])
    draft.unpublish()
    key = str(rehab.translation_key)

    visitor = catalogue(catalogue_page)
    assert titles(visitor) == ["Public"]
    assert counts(visitor, "theme")[key] == (1, False)
    assert visitor.country_counts() == {"KE": 1}
    assert sum(cell["count"] for row in visitor.matrix()["rows"] for cell in row["cells"]) == 0
    assert sum(bar["count"] for bar in visitor.histogram()) == 3  # 2020, 2021, 2022

    assert counts(catalogue(catalogue_page, user=member), "theme")[key] == (2, False)
    assert catalogue(catalogue_page, user=member).country_counts() == {"KE": 1, "PE": 1}
    assert counts(catalogue(catalogue_page, user=group_member), "theme")[key] == (3, False)


def test_catalogue_lists_translations_once_in_the_readers_language(
    catalogue_page, make_practice, themes, locales
):
    original = make_practice(title="Court companions", themes=[themes["legal-aid"]])
    french_index = catalogue_page.copy_for_translation(locales["fr"], copy_parents=True)
    french_index.save_revision().publish()
    french = original.copy_for_translation(locales["fr"])
    french.title = "Accompagnement au tribunal"
    french.save_revision().publish()
    arabic_index = catalogue_page.copy_for_translation(locales["ar"], copy_parents=True)
    arabic_index.save_revision().publish()
    arabic = original.copy_for_translation(locales["ar"])
    arabic.title = "مرافقة في المحكمة"
    arabic.save_revision().publish()
    make_practice(title="Only English")

    english = catalogue(catalogue_page, language="en")
    assert sorted(titles(english)) == ["Court companions", "Only English"]
    in_french = catalogue(french_index, language="fr")
    assert sorted(titles(in_french)) == ["Accompagnement au tribunal", "Only English"]
    only_english = next(e for e in in_french.results if e.row["title"] == "Only English")
    assert only_english.other_languages == []
    court = next(e for e in in_french.results if e.row["title"] != "Only English")
    assert court.other_languages == ["en", "ar"]
    assert court.other_language_names == ["English", "Arabic"]

    # Spanish has no translation: the original, once, with the others named.
    in_spanish = catalogue(catalogue_page, language="es")
    assert sorted(titles(in_spanish)) == ["Court companions", "Only English"]

    # Facets agree across languages (the translation points at the same theme key).
    legal = str(themes["legal-aid"].translation_key)
    for cat in (english, in_french, in_spanish, catalogue(arabic_index, language="ar")):
        assert counts(cat, "theme")[legal] == (1, False)
        assert counts(cat, "language") == {
            "en": (2, False),
            "fr": (1, False),
            "ar": (1, False),
        }
    # A theme filter written in any language's address finds the same practice.
    assert titles(catalogue(french_index, "theme=legal-aid", language="fr")) == [
        "Accompagnement au tribunal"
    ]
    # Choosing a language lists the version in that language.
    assert titles(catalogue(catalogue_page, "language=ar", language="es")) == ["مرافقة في المحكمة"]


def test_catalogue_search_sort_and_pages(catalogue_page, make_practice):
    make_practice(title="Beta", summary="Legal clinics in prisons")
    make_practice(title="Alpha", summary="Psychosocial groups for families")
    make_practice(title="Gamma", summary="Legal aid at first hearing")
    assert titles(catalogue(catalogue_page, "sort=title")) == ["Alpha", "Beta", "Gamma"]
    assert titles(catalogue(catalogue_page)) == ["Gamma", "Alpha", "Beta"]
    assert titles(catalogue(catalogue_page, "sort=oldest")) == ["Beta", "Alpha", "Gamma"]
    assert sorted(titles(catalogue(catalogue_page, "q=legal"))) == ["Beta", "Gamma"]
    cat = catalogue(catalogue_page, "q=legal&sort=title")
    assert cat.querystring() == "?q=legal&sort=title"
    assert cat.page_url(2) == "?q=legal&sort=title&page=2"


def test_a_translation_keeps_the_originals_restriction(catalogue_page, make_practice, locales):
    original = make_practice(title="Members only")
    restrict(original)
    french_index = catalogue_page.copy_for_translation(locales["fr"], copy_parents=True)
    french_index.save_revision().publish()
    french = original.copy_for_translation(locales["fr"])
    french.save_revision().publish()
    assert titles(catalogue(french_index, language="fr")) == []
    assert counts(catalogue(french_index, language="fr"), "language") == {}
