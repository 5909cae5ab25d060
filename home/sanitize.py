"""The one place user HTML is made safe. Every app renders user text through these functions.

Markdown (CommonMark) is rendered once, when it is saved, and the HTML is cleaned with bleach
against the lists below. Templates print the stored, cleaned HTML; they never mark user text
safe themselves.
"""

import unicodedata
from html import unescape

import bleach
from bleach.linkifier import Linker
from django import forms
from django.db import models
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)


def _local_image_attribute(tag, name, value):
    """Images only from this site: a remote image would tell its host who reads the page."""
    if name == "src":
        return value.startswith("/") and not value.startswith("//") and "\\" not in value
    return name in ("alt", "title", "width", "height")


ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    "abbr": ["title"],
    "img": _local_image_attribute,
    "ol": ["start"],
    "td": ["align"],
    "th": ["align"],
}
# No javascript:, data:, vbscript: or anything else that can run or smuggle content.
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener ugc"

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable(["table", "strikethrough"])


def _set_rel(attrs, new=False):
    href_key = (None, "href")
    if href_key in attrs:
        attrs[(None, "rel")] = LINK_REL
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)
_linker = Linker(callbacks=[_set_rel], skip_tags={"pre", "code"}, parse_email=False)


def clean_html(html: str, *, allow_images: bool = True) -> str:
    """Strip everything not on the allowed lists; links get rel="nofollow noopener ugc"."""
    cleaned = _cleaner.clean(html or "")
    if not allow_images:
        cleaned = bleach.clean(
            cleaned,
            tags=ALLOWED_TAGS - {"img"},
            attributes=ALLOWED_ATTRIBUTES,
            protocols=ALLOWED_PROTOCOLS,
            strip=True,
        )
    return _linker.linkify(cleaned)


def render_markdown(text: str, *, allow_images: bool = True) -> str:
    """CommonMark to clean HTML. Raw HTML in the source is shown as text, never interpreted."""
    return clean_html(_markdown.render(text or ""), allow_images=allow_images)


def plain_text(html: str) -> str:
    """Text only, unescaped (``A & B``), for search indexes, email subjects and summaries.
    Whatever prints it escapes it again, as Django's templates do."""
    return unescape(bleach.clean(html or "", tags=set(), strip=True)).strip()


def single_line(text: str) -> str:
    """One line of text, for titles, names and anything that may reach a mail header: every
    run of whitespace (line and paragraph breaks included) becomes one space, other control
    characters go. Direction marks and joiners (format characters) stay: Arabic needs them."""
    text = " ".join((text or "").split())
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc")


class SingleLineField(forms.CharField):
    """A form field whose value is ``single_line``; ``max_length`` counts the cleaned text."""

    def to_python(self, value):
        value = super().to_python(value)
        return single_line(value) if value not in self.empty_values else value


class SanitizedHTMLField(models.TextField):
    """HTML that is cleaned by ``clean_html`` on every save and read back marked safe, so
    templates print it as it is without marking anything safe themselves. Whatever is
    assigned (rendered Markdown, an import) is cleaned again on its way in: nothing else can
    reach the database through this field."""

    def pre_save(self, model_instance, add):
        value = mark_safe(clean_html(getattr(model_instance, self.attname) or ""))  # noqa: S308
        setattr(model_instance, self.attname, value)
        return value

    def from_db_value(self, value, expression, connection):
        return value if value is None else mark_safe(value)  # noqa: S308 - cleaned on save
