"""Import the Partnership Policy from Markdown into a draft PolicyPage with AnnexPages.

The format (line numbers in errors refer to it)::

    # Partnership Policy                     the title, once, first
    Version: 2.0                             optional lines right under the title:
    Adopted: 2024-03-15                        Version, Adopted, Next review (YYYY-MM-DD),
    Changes: Section 3 now …                   Changes (the summary of changes)

    A few paragraphs of summary.

    ## 1. Purpose                            a numbered section (the number is optional,
                                             but if given must follow on: 1, 2, 3 …)
    Text, *emphasis*, lists, a note.[^1]
    ### A sub-heading                        inside the section
    > **Principle:** We do no harm.          a principle call-out; it ends its section

    [^1]: The note's text.                   footnotes, in the document that uses them

    ## Annex 1: Complaint handling           annexes come last, numbered 1, 2, 3 …
    A summary of the annex.
    ### 1. Who can complain                  an annex's sections are ###, sub-headings ####

    ## Annex 2: Referral letter              an annex may also be prose only: it becomes
    Dear colleague, …                          one section under its title (the first
                                               paragraph is also its summary)

Text is rendered with ``home.sanitize.render_markdown`` (CommonMark, cleaned).
"""

from __future__ import annotations

import datetime
import re
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from markdown_it import MarkdownIt
from wagtail.models import Locale, Page

from home.models import AnnexPage, HomePage, PolicyPage
from home.sanitize import render_markdown

from .blocks import FOOTNOTE_LABEL
from .diff import html_to_paragraphs

FOOTNOTE_DEFINITION = re.compile(rf"^\[\^({FOOTNOTE_LABEL})\]:\s?(.*)$")
FOOTNOTE_REFERENCE = re.compile(rf"\[\^({FOOTNOTE_LABEL})\]")
SECTION_NUMBER = re.compile(r"^(\d+)[.)]?\s+(.*)$")
ANNEX_HEADING = re.compile(r"^Annex\s+(\d+)\s*[:.\-–—]\s*(.*)$", re.IGNORECASE)
METADATA_LINE = re.compile(r"^(version|adopted|next review|changes)\s*:\s*(.*)$", re.IGNORECASE)
PRINCIPLE = re.compile(
    r"^\*\*Principle\s*(?::\s*(?P<title>[^*]*?))?\s*\*\*\s*:?\s*(?P<rest>.*)$", re.IGNORECASE
)
BLOCKQUOTE_MARKER = re.compile(r"^\s{0,3}>\s?")
UNSUPPORTED_BLOCKS = {
    "fence": "code blocks",
    "code_block": "code blocks",
    "table_open": "tables",
    "hr": "horizontal rules ('---')",
    "html_block": "HTML",
}


class PolicyImportError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass
class ParsedDocument:
    title: str
    line: int
    section_level: int
    summary: str = ""
    blocks: list[dict] = field(default_factory=list)
    section_count: int = 0
    end_line: int = 0  # the last line of the document (1-based, inclusive)


@dataclass
class ParsedAnnex(ParsedDocument):
    number: int = 0


@dataclass
class ParsedPolicy(ParsedDocument):
    version_label: str = ""
    adopted: datetime.date | None = None
    next_review: datetime.date | None = None
    change_summary: str = ""
    annexes: list[ParsedAnnex] = field(default_factory=list)


@dataclass
class _Section:
    heading: str
    line: int
    chunks: list[str] = field(default_factory=list)
    ended_by_principle: int = 0  # line of the principle that ended it
    emitted: bool = False


@dataclass
class _Footnote:
    label: str
    text: str
    line: int


def _inline_text(markdown: str) -> str:
    return " ".join(html_to_paragraphs(render_markdown(markdown)))


def _parse_date(value: str, name: str, line: int) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise PolicyImportError(
            line, f"'{name}' must be a date written YYYY-MM-DD, found '{value.strip()}'"
        ) from None


class _Parser:
    def __init__(self, text: str):
        self.lines = text.lstrip("\ufeff").splitlines()
        self.footnotes: list[_Footnote] = []
        self.policy: ParsedPolicy | None = None
        self.document: ParsedDocument | None = None
        self.section: _Section | None = None
        self.summary_chunks: list[str] = []
        self.seen_content_in_intro = False

    # --- Footnote definitions are taken out first: CommonMark would read "[^1]: text" as a
    # link reference definition.

    def _take_footnote_definitions(self) -> list[str]:
        lines = list(self.lines)
        index = 0
        while index < len(lines):
            match = FOOTNOTE_DEFINITION.match(lines[index])
            if not match:
                index += 1
                continue
            start = index
            text = [match.group(2)]
            lines[index] = ""
            index += 1
            while index < len(lines) and lines[index][:1] in (" ", "\t") and lines[index].strip():
                text.append(lines[index].strip())
                lines[index] = ""
                index += 1
            self.footnotes.append(_Footnote(match.group(1), " ".join(text).strip(), start + 1))
        return lines

    # --- Documents and sections

    def _source(self, token) -> str:
        start, end = token.map
        return "\n".join(self.body_lines[start:end])

    def _require_title(self, line: int) -> None:
        if self.policy is None:
            raise PolicyImportError(line, "expected the title ('# …') before anything else")

    def _close_section(self) -> None:
        section = self.section
        self.section = None
        if section is None or section.emitted:
            return
        section.emitted = True
        if not section.chunks:
            raise PolicyImportError(
                section.line, f"section '{section.heading}' has no text under its heading"
            )
        self.document.blocks.append(
            {
                "type": "section",
                "value": {
                    "heading": section.heading,
                    "text": render_markdown("\n\n".join(section.chunks), allow_images=False),
                },
            }
        )

    def _close_document(self, next_line: int) -> None:
        self._close_section()
        document = self.document
        if document is None:
            return
        document.summary = "\n\n".join(
            html_to_paragraphs(render_markdown("\n\n".join(self.summary_chunks)))
        )
        document.end_line = next_line - 1
        if document.section_count == 0 and isinstance(document, ParsedAnnex) and document.summary:
            # An annex that is only prose (a form, a letter, a glossary): its text becomes one
            # section under the annex's title, and its first paragraph the summary.
            document.blocks.insert(
                0,
                {
                    "type": "section",
                    "value": {
                        "heading": document.title,
                        "text": render_markdown(
                            "\n\n".join(self.summary_chunks), allow_images=False
                        ),
                    },
                },
            )
            document.section_count = 1
            document.summary = document.summary.split("\n\n")[0]
        if document.section_count == 0:
            marks = "#" * document.section_level
            raise PolicyImportError(
                document.line, f"'{document.title}' has no sections: expected '{marks} 1. …'"
            )
        self.summary_chunks = []
        self.seen_content_in_intro = False

    def _open_section(self, text: str, line: int) -> None:
        self._close_section()
        expected = self.document.section_count + 1
        heading = text
        match = SECTION_NUMBER.match(text)
        if match:
            number = int(match.group(1))
            if number != expected:
                raise PolicyImportError(line, f"expected section {expected}, found {number}")
            heading = match.group(2).strip()
        if not heading:
            raise PolicyImportError(line, "the section heading is empty")
        self.document.section_count = expected
        self.section = _Section(heading, line)

    def _open_annex(self, match: re.Match, line: int) -> None:
        self._close_document(line)
        number, title = int(match.group(1)), match.group(2).strip()
        expected = len(self.policy.annexes) + 1
        if number != expected:
            raise PolicyImportError(line, f"expected Annex {expected}, found Annex {number}")
        if not title:
            raise PolicyImportError(line, f"Annex {number} has no title ('## Annex {number}: …')")
        annex = ParsedAnnex(title=title, line=line, section_level=3, number=number)
        self.policy.annexes.append(annex)
        self.document = annex

    def _heading(self, level: int, content: str, line: int) -> None:
        text = _inline_text(content)
        if level == 1:
            if self.policy is not None:
                raise PolicyImportError(line, "only one title ('# …') is allowed")
            if not text:
                raise PolicyImportError(line, "the title is empty")
            self.policy = ParsedPolicy(title=text, line=line, section_level=2)
            self.document = self.policy
            return
        self._require_title(line)
        if level > 4:
            raise PolicyImportError(line, "headings deeper than '####' are not supported")
        annex = ANNEX_HEADING.match(text) if level == 2 else None
        if annex:
            self._open_annex(annex, line)
        elif level == 2 and isinstance(self.document, ParsedAnnex):
            raise PolicyImportError(
                line,
                f"expected '## Annex {len(self.policy.annexes) + 1}: …': after the first annex "
                "every '##' heading starts an annex",
            )
        elif level == self.document.section_level:
            self._open_section(text, line)
        elif self.section is None:
            marks = "#" * self.document.section_level
            raise PolicyImportError(
                line, f"a sub-heading ('{'#' * level}') must be inside a section ('{marks} …')"
            )
        else:
            self._content("#" * level + " " + content, line)

    def _principle(self, token, line: int) -> bool:
        """Handle a blockquote that is a principle call-out; False if it is a plain quote."""
        source = "\n".join(
            BLOCKQUOTE_MARKER.sub("", row) for row in self._source(token).split("\n")
        )
        first, _newline, rest = source.partition("\n")
        match = PRINCIPLE.match(first.strip())
        if not match:
            return False
        text = "\n".join(part for part in (match.group("rest"), rest) if part.strip())
        if not text.strip():
            raise PolicyImportError(line, "the principle has no text")
        if self.section is not None:
            # The section's text ends here; it stays current so that text after the
            # principle gets a clear error rather than landing in the wrong place.
            ended = self.section
            self._close_section()
            ended.ended_by_principle = line
            self.section = ended
        self.document.blocks.append(
            {
                "type": "principle",
                "value": {
                    "title": (match.group("title") or "").strip(),
                    "text": render_markdown(text, allow_images=False),
                },
            }
        )
        return True

    def _content(self, source: str, line: int) -> None:
        self._require_title(line)
        section = self.section
        if section is None:
            self.summary_chunks.append(source)
            self.seen_content_in_intro = True
        elif section.ended_by_principle:
            raise PolicyImportError(
                line,
                "text after a principle call-out: a principle ends its section, so start a new "
                f"section ('{'#' * self.document.section_level} …') or move the principle to "
                "the end of the section",
            )
        else:
            section.chunks.append(source)

    def _metadata(self, token, line: int) -> bool:
        """Read 'Key: value' lines right under the title; False if the paragraph is not that."""
        if (
            self.document is not self.policy
            or self.section is not None
            or self.seen_content_in_intro
            or self.policy.section_count
        ):
            return False
        rows = self._source(token).split("\n")
        if not METADATA_LINE.match(rows[0]):
            return False
        for offset, row in enumerate(rows):
            match = METADATA_LINE.match(row)
            if not match:
                raise PolicyImportError(
                    line + offset,
                    "expected 'Version: …', 'Adopted: YYYY-MM-DD', 'Next review: YYYY-MM-DD' "
                    "or 'Changes: …' (or a blank line before the summary)",
                )
            key, value = match.group(1).lower(), match.group(2).strip()
            if key == "version":
                self.policy.version_label = value[:40]
            elif key == "adopted":
                self.policy.adopted = _parse_date(value, "Adopted", line + offset)
            elif key == "next review":
                self.policy.next_review = _parse_date(value, "Next review", line + offset)
            else:
                self.policy.change_summary = value
        return True

    # --- Footnotes belong to the document whose lines hold them

    def _attach_footnotes(self) -> None:
        documents = [self.policy, *self.policy.annexes]
        for document in documents:
            defined: dict[str, _Footnote] = {}
            for note in self.footnotes:
                if document.line <= note.line <= document.end_line:
                    if note.label in defined:
                        raise PolicyImportError(
                            note.line,
                            f"footnote [^{note.label}] is defined twice (first on line "
                            f"{defined[note.label].line})",
                        )
                    defined[note.label] = note
            referenced: list[str] = []
            for number in range(document.line, document.end_line + 1):
                for label in FOOTNOTE_REFERENCE.findall(self.body_lines[number - 1]):
                    if label not in defined:
                        raise PolicyImportError(
                            number,
                            f"footnote [^{label}] is used but not defined: expected a line "
                            f"'[^{label}]: …' in the same document",
                        )
                    if label not in referenced:
                        referenced.append(label)
            for label, note in defined.items():
                if label not in referenced:
                    raise PolicyImportError(
                        note.line, f"footnote [^{label}] is defined but never used"
                    )
            if referenced:
                document.blocks.append(
                    {
                        "type": "footnotes",
                        "value": [
                            {
                                "label": label,
                                "text": render_markdown(defined[label].text, allow_images=False),
                            }
                            for label in referenced
                        ],
                    }
                )

    def parse(self) -> ParsedPolicy:
        self.body_lines = self._take_footnote_definitions()
        # The same CommonMark dialect as home.sanitize.render_markdown.
        markdown = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
        tokens = markdown.parse("\n".join(self.body_lines))
        for index, token in enumerate(tokens):
            if token.level != 0 or token.nesting == -1 or token.map is None:
                continue
            line = token.map[0] + 1
            if token.type in UNSUPPORTED_BLOCKS:
                raise PolicyImportError(
                    line, f"{UNSUPPORTED_BLOCKS[token.type]} are not part of the policy format"
                )
            if token.type == "heading_open":
                self._heading(int(token.tag[1]), tokens[index + 1].content, line)
                continue
            self._require_title(line)
            if token.type == "blockquote_open" and self._principle(token, line):
                continue
            if token.type == "paragraph_open" and self._metadata(token, line):
                continue
            if any(child.type == "image" for child in tokens[index + 1].children or []):
                raise PolicyImportError(line, "images are not part of the policy format")
            self._content(self._source(token), line)
        if self.policy is None:
            raise PolicyImportError(1, "expected the title ('# …'); the file has none")
        self._close_document(len(self.body_lines) + 1)
        self._attach_footnotes()
        return self.policy


def parse_policy(text: str) -> ParsedPolicy:
    """Parse the Markdown policy; raises PolicyImportError naming the line and the problem."""
    return _Parser(text).parse()


# --- Writing drafts -------------------------------------------------------------------------


@dataclass
class ImportReport:
    policy: PolicyPage
    created: list[Page] = field(default_factory=list)
    revised: list[Page] = field(default_factory=list)
    unchanged: list[Page] = field(default_factory=list)
    not_in_file: list[AnnexPage] = field(default_factory=list)


def _without_ids(value):
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value


def _signature(page) -> tuple:
    fields = (
        "title",
        "summary",
        "version_label",
        "change_summary",
        "adoption_date",
        "next_review_date",
        "number",
    )
    values = tuple(getattr(page, name, None) for name in fields)
    return values + (repr(_without_ids(page.body.get_prep_value())),)


def _with_block_ids(blocks: list[dict], old_body) -> list[dict]:
    """Give the new blocks the ids of the old ones they continue (same heading, else same
    position), so comparisons and translations follow a section across imports."""
    old = list(old_body.raw_data) if old_body is not None else []
    old_sections = [block for block in old if block["type"] == "section"]
    by_heading = {}
    for block in old_sections:
        by_heading.setdefault(block["value"]["heading"].casefold(), block["id"])
    used: set[str] = set()
    result = [dict(block) for block in blocks]
    sections = [block for block in result if block["type"] == "section"]
    for block in sections:
        block_id = by_heading.get(block["value"]["heading"].casefold())
        if block_id and block_id not in used:
            block["id"] = block_id
            used.add(block_id)
    for position, block in enumerate(sections):
        if "id" not in block and position < len(old_sections):
            candidate = old_sections[position]["id"]
            if candidate not in used:
                block["id"] = candidate
                used.add(candidate)
    for kind in ("principle", "footnotes"):
        old_ids = [block["id"] for block in old if block["type"] == kind]
        for block, block_id in zip(
            [block for block in result if block["type"] == kind], old_ids, strict=False
        ):
            block["id"] = block_id
    for block in result:
        block.setdefault("id", str(uuid.uuid4()))
    return result


def _save_draft(page, report: ImportReport, *, user, before: tuple | None) -> None:
    if before is not None and before == _signature(page):
        report.unchanged.append(page)
        return
    page.save_revision(user=user, log_action=True)
    (report.revised if before is not None else report.created).append(page)


def _fill(page, document: ParsedDocument, *, version_label: str) -> None:
    page.title = document.title
    page.draft_title = document.title
    page.summary = document.summary
    page.version_label = version_label
    page.body = _with_block_ids(document.blocks, page.body if page.pk else None)


@transaction.atomic
def import_policy(
    parsed: ParsedPolicy,
    *,
    locale: Locale,
    slug: str = "",
    parent: Page | None = None,
    user=None,
) -> ImportReport:
    """Save ``parsed`` as a new draft revision of the policy (and its annexes) in ``locale``.

    The policy is found by its slug in that locale; if there is none it is created under
    ``parent`` (default: the locale's home page). Nothing is published."""
    slug = slug or slugify(parsed.title, allow_unicode=True) or "policy"
    existing = PolicyPage.objects.filter(locale=locale, slug=slug).first()
    if existing is not None:
        policy = existing.get_latest_revision_as_object()
        before = _signature(policy)
    else:
        parent = parent or HomePage.objects.filter(locale=locale).first()
        if parent is None:
            raise ValueError(f"there is no home page in the locale '{locale.language_code}'")
        policy = PolicyPage(slug=slug, locale=locale, live=False)
        before = None
    _fill(policy, parsed, version_label=parsed.version_label)
    policy.change_summary = parsed.change_summary
    policy.adoption_date = parsed.adopted
    policy.next_review_date = parsed.next_review
    if existing is None:
        parent.add_child(instance=policy)
    report = ImportReport(policy=policy)
    _save_draft(policy, report, user=user, before=before)

    policy_node = PolicyPage.objects.get(pk=policy.pk)  # fresh tree fields for add_child
    existing_annexes = {annex.number: annex for annex in AnnexPage.objects.child_of(policy_node)}
    for parsed_annex in parsed.annexes:
        current = existing_annexes.pop(parsed_annex.number, None)
        if current is not None:
            annex = current.get_latest_revision_as_object()
            before = _signature(annex)
        else:
            annex = AnnexPage(
                slug=f"annex-{parsed_annex.number}",
                number=parsed_annex.number,
                locale=locale,
                live=False,
            )
            before = None
        _fill(annex, parsed_annex, version_label=parsed.version_label)
        if current is None:
            policy_node.add_child(instance=annex)
        _save_draft(annex, report, user=user, before=before)
    report.not_in_file = sorted(existing_annexes.values(), key=lambda annex: annex.number)
    return report
