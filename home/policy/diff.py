"""Word-level differences between two texts, for the public comparison of policy versions.

Text is taken from HTML that went through ``home.sanitize.clean_html`` first, so nothing but
the words (and the breaks between paragraphs and list items) reaches the diff. The result is
plain text in segments; templates escape it and wrap changed segments in ``<ins>``/``<del>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html.parser import HTMLParser

from home.sanitize import clean_html

EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"

# Elements that start a new paragraph of text (the rest are inline).
_BLOCK_TAGS = frozenset(
    {
        "p",
        "li",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "tr",
        "table",
        "ul",
        "ol",
        "hr",
        "br",
    }
)
# A word (letters and digits of any script, with inner apostrophes and hyphens), a run of
# whitespace, or one other character (punctuation is its own token so "policy," vs "policy."
# marks only the comma).
_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|\s+|[^\w\s]", re.UNICODE)
_PARAGRAPH_BREAK = "\n"


@dataclass(frozen=True)
class Segment:
    kind: str  # EQUAL, INSERT or DELETE
    text: str

    @property
    def changed(self) -> bool:
        return self.kind != EQUAL


class _TextExtractor(HTMLParser):
    """Collects text in paragraphs; list items get a bullet or their number."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._lists: list[list] = []  # [kind, next number]

    def _break(self):
        text = " ".join("".join(self._current).split())
        if text:
            self.paragraphs.append(text)
        self._current = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self._break()
        if tag in ("ul", "ol"):
            start = dict(attrs).get("start") or "1"
            self._lists.append([tag, int(start) if start.isdigit() else 1])
        elif tag == "li" and self._lists:
            kind, number = self._lists[-1]
            if kind == "ol":
                self._current.append(f"{number}. ")
                self._lists[-1][1] += 1
            else:
                self._current.append("• ")

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self._break()
        if tag in ("ul", "ol") and self._lists:
            self._lists.pop()

    def handle_data(self, data):
        self._current.append(data)

    def close(self):
        super().close()
        self._break()


def html_to_paragraphs(html: str) -> list[str]:
    """The text of ``html``, cleaned by the site's sanitiser first, one string per paragraph."""
    extractor = _TextExtractor()
    extractor.feed(clean_html(html or "", allow_images=False))
    extractor.close()
    return extractor.paragraphs


def _tokens(paragraphs: list[str]) -> list[str]:
    tokens: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if index:
            tokens.append(_PARAGRAPH_BREAK)
        tokens.extend(_TOKEN.findall(paragraph))
    return tokens


def _append(paragraphs: list[list[Segment]], kind: str, text: str) -> None:
    """Add ``text`` to the last paragraph, merging with a neighbour of the same kind."""
    line = paragraphs[-1]
    if line and line[-1].kind == kind:
        line[-1] = Segment(kind, line[-1].text + text)
    else:
        line.append(Segment(kind, text))


def _emit(paragraphs: list[list[Segment]], kind: str, tokens: list[str]) -> None:
    for token in tokens:
        if token == _PARAGRAPH_BREAK:
            paragraphs.append([])
        elif kind != EQUAL and token.isspace():
            # Whitespace is not a change worth marking: keep <ins>/<del> tight around words.
            _append(paragraphs, EQUAL, " ")
        else:
            _append(paragraphs, kind, token)


def _merge_changes(line: list[Segment]) -> list[Segment]:
    """Read a run of changes separated only by spaces as one deletion and one insertion:
    "<del>every</del><ins>twice</ins> <del>year</del><ins>a month</ins>" becomes
    "<del>every year</del><ins>twice a month</ins>"."""
    merged: list[Segment] = []
    index = 0
    while index < len(line):
        segment = line[index]
        if not segment.changed:
            if merged and merged[-1].kind == EQUAL:
                merged[-1] = Segment(EQUAL, merged[-1].text + segment.text)
            else:
                merged.append(segment)
            index += 1
            continue
        old, new = [], []
        while index < len(line):
            segment = line[index]
            if segment.kind == DELETE:
                old.append(segment.text)
            elif segment.kind == INSERT:
                new.append(segment.text)
            elif segment.text.isspace() and index + 1 < len(line) and line[index + 1].changed:
                old.append(segment.text)
                new.append(segment.text)
            else:
                break
            index += 1
        for kind, parts in ((DELETE, old), (INSERT, new)):
            text = "".join(parts).strip()
            if text:
                merged.append(Segment(kind, text))
    return merged


def _tidy(paragraphs: list[list[Segment]]) -> list[list[Segment]]:
    """Merge neighbouring changes and drop empty paragraphs."""
    tidy = []
    for line in paragraphs:
        merged = _merge_changes(line)
        if any(segment.text.strip() for segment in merged):
            tidy.append(merged)
    return tidy


def diff_paragraphs(old: list[str], new: list[str]) -> list[list[Segment]]:
    """Word-level diff of two lists of paragraphs, as paragraphs of segments."""
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    # autojunk would treat frequent tokens (spaces, "the") as noise in long sections.
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    paragraphs: list[list[Segment]] = [[]]
    for opcode, i1, i2, j1, j2 in matcher.get_opcodes():
        if opcode == "equal":
            _emit(paragraphs, EQUAL, new_tokens[j1:j2])
        else:
            # A replacement reads best as the deletion followed by the insertion.
            _emit(paragraphs, DELETE, old_tokens[i1:i2])
            _emit(paragraphs, INSERT, new_tokens[j1:j2])
    return _tidy(paragraphs)


def diff_text(old: str, new: str) -> list[Segment]:
    """Word-level diff of two one-line texts (a heading, a title)."""
    paragraphs = diff_paragraphs([old] if old else [], [new] if new else [])
    return [segment for line in paragraphs for segment in line]


def has_changes(paragraphs: list[list[Segment]]) -> bool:
    return any(segment.changed for line in paragraphs for segment in line)
