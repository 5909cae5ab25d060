"""Snippets and highlights: escaped first, then marked."""

from search.highlight import highlight, snippet


def test_highlight_escapes_before_marking():
    marked = highlight("<script>alert(1)</script> torture & <b>prisons</b>", ["prisons", "script"])
    assert "<script>" not in marked and "<b>" not in marked
    assert "&lt;<mark>script</mark>&gt;" in marked
    assert "&lt;b&gt;<mark>prisons</mark>&lt;/b&gt;" in marked
    assert "&amp;" in marked


def test_highlight_cannot_be_tricked_by_a_query_with_markup():
    marked = highlight("a <mark> b", ["<mark>"])
    assert marked == "a <mark>&lt;mark&gt;</mark> b"


def test_highlight_marks_word_starts_and_runs_on():
    assert highlight("Les partenariats durables", ["partenariat"]) == (
        "Les <mark>partenariats</mark> durables"
    )
    assert highlight("Unpartenariat", ["partenariat"]) == "Unpartenariat"


def test_highlight_ignores_case_and_marks_phrases():
    marked = highlight("The National Preventive Mechanism visits.", ["national preventive"])
    assert marked == "The <mark>National Preventive</mark> Mechanism visits."


def test_highlight_arabic_with_or_without_diacritics():
    assert highlight("الشَّراكة مهمة", ["الشراكة"]) == "<mark>الشَّراكة</mark> مهمة"
    assert highlight("الشراكة مهمة", ["الشَّراكة"]) == "<mark>الشراكة</mark> مهمة"


def test_snippet_centres_on_the_first_match():
    text = "word " * 200 + "torture " + "word " * 200
    cut = snippet(text, ["torture"], length=100)
    assert cut.startswith("… ") and cut.endswith(" …")
    assert "<mark>torture</mark>" in cut
    assert len(cut) < 140


def test_snippet_without_a_match_is_the_start():
    assert snippet("A short text.", ["absent"]) == "A short text."
    assert snippet("", ["x"]) == ""
