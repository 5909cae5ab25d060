"""The search box's syntax, parsed into Wagtail's search query objects and filters.

    dignity "exact phrase" -prison detention OR custody type:practice lang:fr after:2020

- words are all required (AND); ``OR`` between two items makes either enough; it binds
  tighter than the implicit AND (``a b OR c`` is ``a AND (b OR c)``);
- ``"…"`` is an exact phrase; ``-word`` or ``-"…"`` excludes;
- ``type:`` and ``lang:`` narrow to kinds of content and languages (repeatable: any of them);
- ``before:YYYY`` keeps content dated before 1 January of that year, ``after:YYYY`` content
  dated after 31 December of that year.

Unknown ``key:value`` pairs and malformed filters are searched as words: nothing a reader types
raises. The parsed query also gives the words to highlight (positive words and phrases only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from modelsearch.query import MATCH_ALL, And, Not, Or, Phrase, PlainText, SearchQuery

MAX_LENGTH = 200
MAX_TERMS = 12
FILTER_KEYS = ("type", "lang", "before", "after")

# A token: an optional "-", then a quoted phrase or a run of non-space characters.
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False
    negated: bool = False

    def as_query(self) -> SearchQuery:
        query = Phrase(self.text) if self.phrase else PlainText(self.text)
        return Not(query) if self.negated else query


@dataclass
class ParsedQuery:
    # Groups AND'ed together; the terms inside one group are OR'ed.
    groups: list[list[Term]] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    before: int | None = None
    after: int | None = None

    @property
    def has_terms(self) -> bool:
        return any(not term.negated for group in self.groups for term in group)

    @property
    def has_filters(self) -> bool:
        return bool(self.types or self.languages or self.before or self.after)

    def search_query(self) -> SearchQuery:
        """The query for Wagtail's backends: MATCH_ALL when there is no term at all."""
        if not self.groups:
            return MATCH_ALL
        parts = []
        for group in self.groups:
            queries = [term.as_query() for term in group]
            parts.append(queries[0] if len(queries) == 1 else Or(queries))
        return parts[0] if len(parts) == 1 else And(parts)

    def highlight_terms(self) -> list[str]:
        """Words and phrases to mark in snippets: what the reader asked for, never what they
        excluded."""
        return [term.text for group in self.groups for term in group if not term.negated]

    def year_allowed(self, year: int | None) -> bool:
        if self.before is None and self.after is None:
            return True
        if year is None:
            return False
        return (self.before is None or year < self.before) and (
            self.after is None or year > self.after
        )


def _filter(parsed: ParsedQuery, word: str, *, type_names, language_codes) -> bool:
    """Apply ``key:value`` to ``parsed``; False when it is no filter (then it is a word)."""
    key, _, value = word.partition(":")
    key, value = key.lower(), value.lower()
    if key not in FILTER_KEYS or not value:
        return False
    if key == "type" and value in type_names:
        if value not in parsed.types:
            parsed.types.append(value)
        return True
    if key == "lang" and value in language_codes:
        if value not in parsed.languages:
            parsed.languages.append(value)
        return True
    if key in ("before", "after") and _YEAR.match(value):
        setattr(parsed, key, int(value))
        return True
    return False


def parse(text: str, *, type_names=(), language_codes=()) -> ParsedQuery:
    """Parse what the reader typed. ``type_names`` and ``language_codes`` are the values
    ``type:`` and ``lang:`` accept."""
    parsed = ParsedQuery()
    pending_or = False
    count = 0
    for match in _TOKEN.finditer(text[:MAX_LENGTH]):
        negated_phrase, phrase, word = match.groups()
        if word is not None and word == "OR":
            pending_or = bool(parsed.groups)
            continue
        if (
            word is not None
            and ":" in word.strip("-")
            and _filter(parsed, word, type_names=type_names, language_codes=language_codes)
        ):
            continue
        if phrase is not None:
            phrase = " ".join(phrase.split())
            if not phrase:
                continue
            term = Term(phrase, phrase=" " in phrase, negated=bool(negated_phrase))
        else:
            negated = word.startswith("-") and len(word) > 1
            text_ = word[1:] if negated else word
            text_ = text_.strip("\"'()*:")  # characters full-text syntaxes give a meaning to
            if not text_:
                continue
            term = Term(text_, negated=negated)
        count += 1
        if count > MAX_TERMS:
            break
        # An excluded word joins no OR: "a OR -b" is read as "a -b".
        if pending_or and not term.negated and not any(t.negated for t in parsed.groups[-1]):
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        pending_or = False
    return parsed
