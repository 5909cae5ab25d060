"""Text normalisation shared by indexing, querying and highlighting.

Arabic is written with or without its short vowels and marks (harakat/tashkeel: fatha,
damma, kasra, sukun, shadda, tanween), the superscript alef and the tatweel that stretches a
word. Written or not, the word is the same, so they are stripped from what is indexed and from
what is searched (search.database, search.indexing), and ignored when marking matches
(search.highlight).
"""

from __future__ import annotations

import copy
import re

# Harakat, superscript alef and tatweel.
ARABIC_MARKS = "\u064b-\u065f\u0670\u0640"
_STRIP_MARKS = re.compile(f"[{ARABIC_MARKS}]")


def strip_marks(text: str) -> str:
    return _STRIP_MARKS.sub("", text)


def normalise_query(query):
    """``query`` (a string or one of Wagtail's query objects) with Arabic marks stripped from
    every word and phrase; other objects (MATCH_ALL) unchanged."""
    if isinstance(query, str):
        return strip_marks(query)
    if hasattr(query, "query_string"):
        query = copy.copy(query)
        query.query_string = strip_marks(query.query_string)
    if hasattr(query, "subquery"):
        query = copy.copy(query)
        query.subquery = normalise_query(query.subquery)
    if hasattr(query, "subqueries"):
        query = copy.copy(query)
        query.subqueries = [normalise_query(subquery) for subquery in query.subqueries]
    return query
