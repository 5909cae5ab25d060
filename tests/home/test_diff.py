from home.policy.diff import (
    DELETE,
    EQUAL,
    INSERT,
    Segment,
    diff_paragraphs,
    diff_text,
    has_changes,
    html_to_paragraphs,
)


def test_html_to_paragraphs_splits_blocks_and_numbers_list_items():
    html = (
        "<p>Partners &amp; <b>allies</b></p><h3>Scope</h3>"
        "<ul><li>networks</li><li>institutes</li></ul><ol start='3'><li>third</li></ol>"
    )
    assert html_to_paragraphs(html) == [
        "Partners & allies",
        "Scope",
        "• networks",
        "• institutes",
        "3. third",
    ]


def test_html_to_paragraphs_keeps_no_markup_from_the_source():
    paragraphs = html_to_paragraphs('<p onclick="x()">Hi <script>alert(1)</script><img src=x></p>')
    text = " ".join(paragraphs)
    assert "<" not in text and "onclick" not in text
    assert text.startswith("Hi")


def test_diff_paragraphs_marks_the_changed_words_and_only_them():
    result = diff_paragraphs(
        ["Partners report every year to the board."],
        ["Partners report twice a year to the board, in writing."],
    )
    assert result == [
        [
            Segment(EQUAL, "Partners report "),
            Segment(DELETE, "every"),
            Segment(INSERT, "twice a"),
            Segment(EQUAL, " year to the board"),
            Segment(INSERT, ", in writing"),
            Segment(EQUAL, "."),
        ]
    ]


def test_diff_paragraphs_of_identical_text_has_no_changes():
    result = diff_paragraphs(["One.", "Two."], ["One.", "Two."])
    assert result == [[Segment(EQUAL, "One.")], [Segment(EQUAL, "Two.")]]
    assert not has_changes(result)


def test_diff_paragraphs_marks_an_added_paragraph_whole():
    result = diff_paragraphs(["Kept."], ["Kept.", "A new paragraph."])
    assert result == [[Segment(EQUAL, "Kept.")], [Segment(INSERT, "A new paragraph.")]]


def test_diff_paragraphs_marks_a_punctuation_change_alone():
    result = diff_paragraphs(["We report, then review."], ["We report; then review."])
    changed = [segment for line in result for segment in line if segment.changed]
    assert changed == [Segment(DELETE, ","), Segment(INSERT, ";")]


def test_diff_text_works_on_arabic_words():
    result = diff_text("يقدم الشريك تقريرا كل سنة", "يقدم الشريك تقريرا كل ستة أشهر")
    assert [segment for segment in result if segment.changed] == [
        Segment(DELETE, "سنة"),
        Segment(INSERT, "ستة أشهر"),
    ]


def test_diff_text_keeps_a_removed_heading_as_a_deletion():
    assert diff_text("Reporting", "") == [Segment(DELETE, "Reporting")]


def test_diff_reads_changes_separated_by_a_space_as_one_replacement():
    result = diff_text("report every year", "report twice a month")
    assert result == [
        Segment(EQUAL, "report "),
        Segment(DELETE, "every year"),
        Segment(INSERT, "twice a month"),
    ]
