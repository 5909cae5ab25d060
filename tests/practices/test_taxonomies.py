"""The taxonomies: seeded by migration, translatable, shown in the reader's language."""

import pytest

from practices.models import Principle, Region, Theme

pytestmark = pytest.mark.django_db


def test_standard_taxonomies_are_seeded_in_english(locales):
    assert Theme.objects.filter(locale__language_code="en").count() == 8
    assert list(
        Principle.objects.filter(locale__language_code="en").values_list("name", flat=True)
    ) == [
        "Mutuality and respect",
        "Equality and non-discrimination",
        "Accountability and transparency",
        "Participation and empowerment",
    ]
    assert Region.objects.filter(slug="mena").exists()


def test_taxonomies_are_shown_in_the_readers_language(locales, themes):
    legal = themes["legal-aid"]
    french = legal.copy_for_translation(locales["fr"])
    french.name = "Aide juridique"
    french.save()
    assert french.slug == legal.slug and french.translation_key == legal.translation_key
    in_french = Theme.objects.for_reader("fr")
    assert in_french[legal.translation_key].name == "Aide juridique"
    assert in_french[themes["advocacy"].translation_key].name == "Advocacy"  # no translation yet
    assert len(in_french) == 8  # one per theme, whatever the languages
    assert Theme.objects.for_reader("en")[legal.translation_key].name == "Legal aid"
