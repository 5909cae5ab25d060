"""The body of the Partnership Policy and its annexes: numbered sections, principles, notes.

Sections are numbered by their position (the first section block is 1), so inserting a section
renumbers the ones after it, as in the printed policy. Footnote references are written in the
text as ``[^label]`` (the Markdown import keeps them so); the page links them to the notes.
"""

from dataclasses import dataclass
from typing import Any

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import RICH_TEXT_FEATURES

# Notes and principles are short: no headings, lists or quotes inside them.
INLINE_FEATURES = ["bold", "italic", "link", "document-link"]

FOOTNOTE_LABEL = r"[A-Za-z0-9_-]{1,12}"


class PolicySectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        help_text=_("Without the number: sections are numbered in order."),
    )
    text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Text"),
        help_text=_("Write [^1] where a footnote goes and add the note in the Notes block."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Numbered section")


class PrincipleBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("Title"))
    text = blocks.RichTextBlock(features=INLINE_FEATURES, label=_("Principle"))

    class Meta:
        icon = "pick"
        label = _("Principle")


class FootnoteBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        max_length=12,
        label=_("Label"),
        help_text=_("The label used in the text: 1 for [^1]."),
        validators=[
            RegexValidator(
                f"^{FOOTNOTE_LABEL}$",
                _("Use letters, digits, - or _ only (at most 12)."),
            )
        ],
    )
    text = blocks.RichTextBlock(features=INLINE_FEATURES, label=_("Note"))

    class Meta:
        icon = "superscript"
        label = _("Footnote")


class PolicyStreamBlock(blocks.StreamBlock):
    section = PolicySectionBlock()
    principle = PrincipleBlock()
    footnotes = blocks.ListBlock(
        FootnoteBlock(),
        label=_("Notes"),
        icon="superscript",
    )

    class Meta:
        block_counts = {"footnotes": {"max_num": 1}}


@dataclass(frozen=True)
class NumberedBlock:
    """A body block with its section number (None for principles and notes)."""

    block: Any
    number: int | None

    @property
    def anchor(self) -> str:
        if self.number is not None:
            return f"section-{self.number}"
        if self.block.block_type == "footnotes":
            return "notes"
        return f"block-{self.block.id}" if self.block.id else ""


def number_sections(body) -> list[NumberedBlock]:
    """The blocks of ``body`` in order, sections numbered 1, 2, 3 … by position."""
    items = []
    number = 0
    for block in body:
        if block.block_type == "section":
            number += 1
            items.append(NumberedBlock(block, number))
        else:
            items.append(NumberedBlock(block, None))
    return items
