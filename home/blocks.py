"""StreamField blocks shared by every page type."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# No embeds: an embed would load a third party's assets into the reader's browser.
RICH_TEXT_FEATURES = [
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "blockquote",
]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))
    alt_text = blocks.CharBlock(
        required=False,
        label=_("Alternative text"),
        help_text=_("Describe the image for people who cannot see it; empty if decorative."),
    )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(required=False, label=_("Link text"))

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"
        label = _("Document")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=pgettext_lazy("stream block", "Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = pgettext_lazy("stream block", "Quote")


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"))
    image = ImageBlock()
    document = DocumentBlock()
    quote = QuoteBlock()
