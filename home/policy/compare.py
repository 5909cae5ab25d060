"""Compare two versions of a policy document part by part (title, summary, each section).

Parts are matched by their StreamField block id, which Wagtail keeps while a block is edited,
wagtail-localize keeps in translations and the Markdown import reuses; a block that was
removed and another added in its place are matched by position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.translation import gettext_lazy as _

from .blocks import FOOTNOTE_LABEL, number_sections
from .diff import Segment, diff_paragraphs, diff_text, has_changes, html_to_paragraphs

FOOTNOTE_MARKER = re.compile(r"\[\^(" + FOOTNOTE_LABEL + r")\]")

UNCHANGED = "unchanged"
CHANGED = "changed"
ADDED = "added"
REMOVED = "removed"

STATUS_LABELS = {
    UNCHANGED: _("unchanged"),
    CHANGED: _("changed"),
    ADDED: _("added"),
    REMOVED: _("removed"),
}


@dataclass(frozen=True)
class Part:
    key: str
    kind: str  # title, summary, section, principle, footnotes
    number: int | None
    anchor: str
    heading: str
    paragraphs: list[str]


@dataclass
class PartChange:
    kind: str
    status: str
    old_number: int | None
    new_number: int | None
    anchor: str
    heading: list[Segment] = field(default_factory=list)
    paragraphs: list[list[Segment]] = field(default_factory=list)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def renumbered(self) -> bool:
        return None not in (self.old_number, self.new_number) and self.old_number != self.new_number


def _richtext_paragraphs(value) -> list[str]:
    """The text's paragraphs, footnote markers written as the page shows them: [^1] → [1]."""
    paragraphs = html_to_paragraphs(value.source if value is not None else "")
    return [FOOTNOTE_MARKER.sub(r"[\1]", paragraph) for paragraph in paragraphs]


def document_parts(page) -> list[Part]:
    """The comparable parts of a policy or annex page (a live page or a revision's copy)."""
    parts = [Part("title", "title", None, "", "", [page.title])]
    if page.summary:
        parts.append(Part("summary", "summary", None, "", "", page.summary.split("\n\n")))
    for index, item in enumerate(number_sections(page.body)):
        block = item.block
        key = block.id or f"{block.block_type}-{index}"
        if block.block_type == "section":
            parts.append(
                Part(
                    key,
                    "section",
                    item.number,
                    item.anchor,
                    block.value["heading"],
                    _richtext_paragraphs(block.value["text"]),
                )
            )
        elif block.block_type == "principle":
            parts.append(
                Part(
                    key,
                    "principle",
                    None,
                    item.anchor,
                    block.value["title"],
                    _richtext_paragraphs(block.value["text"]),
                )
            )
        elif block.block_type == "footnotes":
            notes = []
            for note in block.value:
                text = " ".join(_richtext_paragraphs(note["text"]))
                notes.append(f"[{note['label']}] {text}")
            parts.append(Part(key, "footnotes", None, item.anchor, "", notes))
    return parts


def _change(old: Part | None, new: Part | None) -> PartChange:
    if old is None:
        return PartChange(
            new.kind,
            ADDED,
            None,
            new.number,
            new.anchor,
            heading=diff_text("", new.heading),
            paragraphs=diff_paragraphs([], new.paragraphs),
        )
    if new is None:
        return PartChange(
            old.kind,
            REMOVED,
            old.number,
            None,
            "",
            heading=diff_text(old.heading, ""),
            paragraphs=diff_paragraphs(old.paragraphs, []),
        )
    heading = diff_text(old.heading, new.heading)
    paragraphs = diff_paragraphs(old.paragraphs, new.paragraphs)
    changed = has_changes([heading]) or has_changes(paragraphs)
    return PartChange(
        new.kind,
        CHANGED if changed else UNCHANGED,
        old.number,
        new.number,
        new.anchor,
        heading=heading,
        paragraphs=paragraphs,
    )


def _pair_by_position(old: list[Part], new: list[Part]) -> list[PartChange]:
    """Within a replaced run, pair parts of the same kind in order; the rest are added/removed."""
    changes = []
    remaining_new = list(new)
    for old_part in old:
        match = next((part for part in remaining_new if part.kind == old_part.kind), None)
        if match is None:
            changes.append(_change(old_part, None))
            continue
        # Parts added before the match come first, in the new document's order.
        while remaining_new[0] is not match:
            changes.append(_change(None, remaining_new.pop(0)))
        remaining_new.pop(0)
        changes.append(_change(old_part, match))
    changes.extend(_change(None, part) for part in remaining_new)
    return changes


def compare_documents(old_page, new_page) -> list[PartChange]:
    """Every part of either version, in the newer version's order, with its word diff."""
    old_parts, new_parts = document_parts(old_page), document_parts(new_page)
    matcher = SequenceMatcher(
        None, [part.key for part in old_parts], [part.key for part in new_parts], autojunk=False
    )
    changes: list[PartChange] = []
    for opcode, i1, i2, j1, j2 in matcher.get_opcodes():
        if opcode == "equal":
            changes.extend(
                _change(old, new)
                for old, new in zip(old_parts[i1:i2], new_parts[j1:j2], strict=True)
            )
        else:
            changes.extend(_pair_by_position(old_parts[i1:i2], new_parts[j1:j2]))
    return changes
