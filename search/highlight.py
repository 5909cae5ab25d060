"""Snippets with the matched words marked. Wagtail's backends do not highlight, so this does,
on text the caller read from rows the reader may see (never an author, never a field the page
does not show).

The text is split at the matches, every piece is escaped, and only then are the matches
wrapped in ``<mark>``: nothing the reader or an author typed can become markup. A word matches
at the start of a word and may run on (``partenariat`` marks ``partenariats``), close to what
the stemming backends match. Arabic diacritics (harakat) and tatweel are ignored when
matching, so a query without them marks text written with them.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import ARABIC_MARKS, strip_marks

SNIPPET_LENGTH = 240
# Harakat, superscript alef and tatweel: written or not, the word is the same.
_OPTIONAL_MARKS = f"[{ARABIC_MARKS}]*"


def _term_pattern(term: str) -> str:
    term = strip_marks(term)
    words = [w for w in term.split() if w]
    parts = []
    for word in words:
        # Each letter may be followed by Arabic marks in the text.
        parts.append(_OPTIONAL_MARKS.join(re.escape(char) for char in word) + _OPTIONAL_MARKS)
    return r"\s+".join(parts)


def matcher(terms: list[str]) -> re.Pattern | None:
    patterns = [_term_pattern(term) for term in terms if term.strip()]
    patterns = [p for p in patterns if p]
    if not patterns:
        return None
    # Longest first, so a phrase wins over one of its words.
    patterns.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")\w*", re.IGNORECASE)


def _mark(text: str, pattern: re.Pattern | None) -> SafeString:
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


def highlight(text: str, terms: list[str]) -> SafeString:
    """``text`` escaped, with the matches of ``terms`` marked."""
    return _mark(text or "", matcher(terms))


def snippet(text: str, terms: list[str], *, length: int = SNIPPET_LENGTH) -> SafeString:
    """About ``length`` characters of ``text`` around its first match (its start when nothing
    matches), escaped, matches marked, cut at word boundaries with an ellipsis."""
    text = " ".join((text or "").split())
    if not text:
        return mark_safe("")
    pattern = matcher(terms)
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > length // 3:
        start = match.start() - length // 3
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < match.start() else start
    end = start + length
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    piece = text[start:end]
    marked = _mark(piece, pattern)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{marked}{suffix}")  # noqa: S308 - _mark escaped the text
