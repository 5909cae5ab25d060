from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from home.models import AnnexPage, PolicyPage, PolicyVersion
from home.policy.importer import PolicyImportError, parse_policy

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures" / "policy.md"


def _import(tmp_path, text, *extra):
    path = tmp_path / "policy.md"
    path.write_text(text, encoding="utf-8")
    call_command("import_policy", str(path), "--locale", "en", *extra, stdout=StringIO())
    return path


def _blocks(page):
    return [(block.block_type, block.value) for block in page.body]


def test_import_builds_the_policy_and_its_annexes_as_drafts(tmp_path, home_page):
    _import(tmp_path, FIXTURE.read_text())

    policy = PolicyPage.objects.get(slug="partnership-policy")
    assert policy.get_parent().pk == home_page.pk
    assert not policy.live and policy.has_unpublished_changes
    draft = policy.get_latest_revision_as_object()
    assert draft.title == "Partnership Policy"
    assert draft.version_label == "2.0"
    assert str(draft.adoption_date) == "2024-03-15"
    assert draft.change_summary == "Reporting is now twice a year."
    assert draft.summary == (
        "This policy sets out how we work with partner organisations against torture."
        "\n\nIt applies to every partnership."
    )
    kinds = [kind for kind, _value in _blocks(draft)]
    assert kinds == ["principle", "section", "section", "principle", "section", "footnotes"]
    principle = draft.body[0].value
    assert principle["title"] == "Do no harm"
    assert principle["text"].source == "<p>We never put a survivor or a partner at risk.</p>\n"
    purpose = draft.body[1].value
    assert purpose["heading"] == "Purpose"
    assert purpose["text"].source == (
        "<p>We work with partners to prevent torture and to support survivors.[^1]</p>\n"
        "<h3>Scope</h3>\n<ul>\n<li>civil-society groups</li>\n<li>networks</li>\n"
        "<li>research institutes</li>\n</ul>\n"
    )
    assert draft.body[2].value["text"].source == (
        "<p>Partners report <strong>twice a year</strong> to the board.[^2]</p>\n"
    )
    notes = [(note["label"], note["text"].source) for note in draft.body[5].value]
    assert notes == [
        ("1", "<p>The UN Convention against Torture, 1984.</p>\n"),
        ("2", "<p>See Annex 1 for the reporting template.</p>\n"),
    ]

    annexes = list(AnnexPage.objects.child_of(policy).order_by("number"))
    assert [(a.number, a.title, a.slug, a.live) for a in annexes] == [
        (1, "Complaint handling", "annex-1", False),
        (2, "Reporting template", "annex-2", False),
    ]
    first = annexes[0].get_latest_revision_as_object()
    assert first.summary == "Who can complain, and how complaints are handled."
    assert [kind for kind, _value in _blocks(first)] == ["section", "section", "footnotes"]
    assert first.body[0].value["heading"] == "Who can complain"
    assert "<h4>Anonymous complaints</h4>" in first.body[0].value["text"].source
    assert "<ol>\n<li>Received</li>" in first.body[1].value["text"].source
    assert [(n["label"]) for n in first.body[2].value] == ["a"]
    # Nothing is published by an import.
    assert not PolicyVersion.objects.exists()


def test_reimport_of_a_changed_file_adds_a_revision_not_a_page(tmp_path, home_page):
    _import(tmp_path, FIXTURE.read_text())
    policy = PolicyPage.objects.get()
    first_ids = [block.id for block in policy.get_latest_revision_as_object().body]
    revisions = Revision.objects.for_instance(policy).count()

    changed = FIXTURE.read_text().replace("twice a year", "every three months")
    _import(tmp_path, changed)

    assert PolicyPage.objects.count() == 1
    assert AnnexPage.objects.count() == 2
    assert Revision.objects.for_instance(policy).count() == revisions + 1
    draft = PolicyPage.objects.get().get_latest_revision_as_object()
    assert "every three months" in draft.body[2].value["text"].source
    # Sections keep their block ids, so comparisons and translations follow them.
    assert [block.id for block in draft.body] == first_ids


def test_reimport_of_the_same_file_changes_nothing(tmp_path, home_page):
    _import(tmp_path, FIXTURE.read_text())
    before = Revision.objects.count()
    _import(tmp_path, FIXTURE.read_text())
    assert Revision.objects.count() == before


def test_reimport_revises_a_published_policy_without_touching_what_is_public(
    client, tmp_path, home_page
):
    _import(tmp_path, FIXTURE.read_text())
    policy = PolicyPage.objects.get()
    policy.get_latest_revision().publish()
    _import(tmp_path, FIXTURE.read_text().replace("twice a year", "every three months"))
    html = client.get("/en/partnership-policy/").content.decode()
    assert "twice a year" in html and "every three months" not in html


def test_import_command_names_the_file_and_line_of_an_error(tmp_path, home_page):
    text = "# Policy\n\n## 1. Purpose\n\nText.\n\n## 3. Reporting\n\nText.\n"
    with pytest.raises(CommandError) as error:
        _import(tmp_path, text)
    assert str(error.value) == f"{tmp_path / 'policy.md'}: line 7: expected section 2, found 3"
    assert not PolicyPage.objects.exists()


def test_import_command_refuses_an_unknown_locale(tmp_path, home_page):
    path = tmp_path / "policy.md"
    path.write_text(FIXTURE.read_text())
    with pytest.raises(CommandError, match="no locale 'xx'"):
        call_command("import_policy", str(path), "--locale", "xx")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "expected the title ('# …'); the file has none"),
        ("Intro first.\n\n# Policy\n", 1, "expected the title ('# …') before anything else"),
        ("# A\n\n# B\n", 3, "only one title ('# …') is allowed"),
        ("# P\n\nSummary only.\n", 1, "'P' has no sections: expected '## 1. …'"),
        ("# P\n\n## 2. Purpose\n\nText.\n", 3, "expected section 1, found 2"),
        ("# P\n\n## 1. Purpose\n", 3, "section 'Purpose' has no text under its heading"),
        (
            "# P\n\n### Scope\n\nText.\n",
            3,
            "a sub-heading ('###') must be inside a section ('## …')",
        ),
        (
            "# P\n\n## 1. A\n\nText.\n\n##### Deep\n",
            7,
            "headings deeper than '####' are not supported",
        ),
        (
            "# P\n\n## 1. A\n\nText.\n\n## Annex 2: X\n\n### 1. S\n\nT.\n",
            7,
            "expected Annex 1, found Annex 2",
        ),
        (
            "# P\n\n## 1. A\n\nText.\n\n## Annex 1: X\n\n### 1. S\n\nT.\n\n## 2. B\n\nT.\n",
            13,
            "expected '## Annex 2: …': after the first annex every '##' heading starts an annex",
        ),
        (
            "# P\n\n## 1. A\n\nText.[^1]\n",
            5,
            "footnote [^1] is used but not defined: expected a line '[^1]: …' in the same document",
        ),
        (
            "# P\n\n## 1. A\n\nText.\n\n[^1]: Unused.\n",
            7,
            "footnote [^1] is defined but never used",
        ),
        (
            "# P\n\n## 1. A\n\nText.[^1]\n\n[^1]: One.\n[^1]: Two.\n",
            8,
            "footnote [^1] is defined twice (first on line 7)",
        ),
        (
            "# P\n\n## 1. A\n\nText.[^1]\n\n"
            "## Annex 1: X\n\n### 1. S\n\nT.\n\n[^1]: In the annex.\n",
            5,
            "footnote [^1] is used but not defined: expected a line '[^1]: …' in the same document",
        ),
        (
            "# P\nAdopted: 15 March 2024\n\n## 1. A\n\nText.\n",
            2,
            "'Adopted' must be a date written YYYY-MM-DD, found '15 March 2024'",
        ),
        (
            "# P\nVersion: 2\nOwner: board\n\n## 1. A\n\nText.\n",
            3,
            "expected 'Version: …', 'Adopted: YYYY-MM-DD', 'Next review: YYYY-MM-DD' or "
            "'Changes: …' (or a blank line before the summary)",
        ),
        (
            "# P\n\n## 1. A\n\nText.\n\n> **Principle:** Care.\n\nMore text.\n",
            9,
            "text after a principle call-out: a principle ends its section, so start a new section "
            "('## …') or move the principle to the end of the section",
        ),
        ("# P\n\n## 1. A\n\n> **Principle:**\n", 5, "the principle has no text"),
        (
            "# P\n\n## 1. A\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            5,
            "tables are not part of the policy format",
        ),
        ("# P\n\n## 1. A\n\n```\ncode\n```\n", 5, "code blocks are not part of the policy format"),
        (
            "# P\n\n## 1. A\n\n---\n",
            5,
            "horizontal rules ('---') are not part of the policy format",
        ),
        ("# P\n\n## 1. A\n\n![x](/media/x.png)\n", 5, "images are not part of the policy format"),
    ],
)
def test_parse_policy_explains_what_is_wrong_and_where(text, line, message):
    with pytest.raises(PolicyImportError) as error:
        parse_policy(text)
    assert (error.value.line, error.value.message) == (line, message)


def test_parse_policy_accepts_unnumbered_sections_and_plain_quotes():
    parsed = parse_policy("# P\n\n## Purpose\n\n> A quote, not a principle.\n\n## Scope\n\nAll.\n")
    assert [block["value"]["heading"] for block in parsed.blocks] == ["Purpose", "Scope"]
    assert "<blockquote>" in parsed.blocks[0]["value"]["text"]


def test_parse_policy_keeps_raw_html_as_text():
    parsed = parse_policy('# P\n\n## 1. A\n\n<script>alert(1)</script> <b onclick="x">hi</b>\n')
    text = parsed.blocks[0]["value"]["text"]
    assert "<script" not in text and "<b " not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_import_policy_takes_an_annex_that_is_only_prose():
    from home.policy.importer import parse_policy

    parsed = parse_policy(
        "# P\n\n## 1. A\n\nText.\n\n## Annex 1: Referral letter\n\n"
        "Dear colleague,\n\nWe refer to you a person who needs **care**.\n\n- one\n- two\n"
    )
    [annex] = parsed.annexes
    assert annex.title == "Referral letter"
    assert annex.summary == "Dear colleague,"
    [section] = annex.blocks
    assert section["type"] == "section"
    assert section["value"]["heading"] == "Referral letter"
    text = section["value"]["text"]
    assert "<p>Dear colleague,</p>" in text and "<strong>care</strong>" in text
    assert "<li>one</li>" in text
