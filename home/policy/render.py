"""The policy body, ready for a template: numbered sections, table of contents, linked notes.

Rendering happens here, before the template, so that the page is rendered in one pass with
footnote references numbered across the whole page and no query runs inside the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from .blocks import FOOTNOTE_LABEL, number_sections

_FOOTNOTE_REF = re.compile(r"\[\^(" + FOOTNOTE_LABEL + r")\]")
_TAG = re.compile(r"(<[^>]*>)")


@dataclass
class RenderedBlock:
    block_type: str
    number: int | None
    anchor: str
    heading: str = ""
    html: SafeString = SafeString("")
    notes: list[tuple[str, SafeString]] = field(default_factory=list)


@dataclass
class RenderedBody:
    blocks: list[RenderedBlock]

    @property
    def sections(self) -> list[RenderedBlock]:
        """For the table of contents."""
        return [block for block in self.blocks if block.number is not None]

    @property
    def has_notes(self) -> bool:
        return any(block.notes for block in self.blocks)


class _FootnoteLinker:
    """Turns ``[^label]`` in rendered rich text into a link to the note.

    Only text between tags changes, and the inserted markup carries nothing but the label,
    which the pattern limits to letters, digits, "-" and "_". The first reference to a note
    gets the id the note's back-link points at."""

    def __init__(self):
        self.seen: set[str] = set()

    def _link(self, match: re.Match) -> str:
        label = match.group(1)
        ref_id = "" if label in self.seen else f' id="fnref-{label}"'
        self.seen.add(label)
        return f'<sup class="footnote-ref"><a href="#fn-{label}"{ref_id}>{label}</a></sup>'

    def __call__(self, html: Any) -> SafeString:
        # RichText renders itself (expanding page and document links); plain text is escaped.
        parts = _TAG.split(str(conditional_escape(html)))
        for index in range(0, len(parts), 2):
            parts[index] = _FOOTNOTE_REF.sub(self._link, parts[index])
        return mark_safe("".join(parts))  # noqa: S308 - escaped or Wagtail rich text, see above


def render_body(body) -> RenderedBody:
    link_footnotes = _FootnoteLinker()
    blocks = []
    for item in number_sections(body):
        block = item.block
        rendered = RenderedBlock(block.block_type, item.number, item.anchor)
        if block.block_type in ("section", "principle"):
            rendered.heading = block.value["heading" if block.block_type == "section" else "title"]
            rendered.html = link_footnotes(block.value["text"])
        elif block.block_type == "footnotes":
            rendered.notes = [
                (note["label"], conditional_escape(note["text"])) for note in block.value
            ]
        blocks.append(rendered)
    return RenderedBody(blocks)
