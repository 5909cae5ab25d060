"""How people and times are shown everywhere: initials avatars and relative times.

Avatars are generated from the name shown beside them, never from a photo (photos identify
people) and never from the account: a pseudonymous post's avatar is made from its pseudonym,
so neither its letters nor its colour can point at the real author.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

register = template.Library()

AVATAR_COLOURS = 8  # .avatar--0 … .avatar--7 in gpe.css, each AA with white text


def initials(name: str) -> str:
    """The first letter of the first and of the last word ("Nadia Rahman" → "NR"), in any
    script; punctuation is skipped ("@nadia.r" → "N")."""
    words = [word for word in (name or "").split() if any(ch.isalnum() for ch in word)]
    letters = [next(ch for ch in word if ch.isalnum()) for word in words]
    if not letters:
        return "?"
    picked = letters[0] + (letters[-1] if len(letters) > 1 else "")
    return picked.upper()


def avatar_colour(name: str) -> int:
    """A colour from the shown name alone (stable across processes and machines)."""
    digest = hashlib.blake2b((name or "").encode(), digest_size=2).digest()
    return int.from_bytes(digest, "big") % AVATAR_COLOURS


@register.simple_tag
def avatar(name: str):
    """A decorative initials avatar: the name is always written beside it."""
    return format_html(
        '<span class="avatar avatar--{}" aria-hidden="true">{}</span>',
        avatar_colour(name),
        initials(name),
    )


def relative_label(value: datetime, now: datetime | None = None) -> str:
    """ "just now", "3 hours ago" (one unit), or the date for anything older than 30 days, in
    the active language."""
    now = now or timezone.now()
    delta = now - value
    if delta < timedelta(minutes=1):
        return _("just now")
    if delta > timedelta(days=30):
        return date_format(timezone.localtime(value), "DATE_FORMAT")
    return _("%(time)s ago") % {"time": timesince(value, now, depth=1)}


@register.simple_tag
def reltime(value: datetime | None, now: datetime | None = None):
    """``<time>`` with the relative time as text and the exact time on hover (``title``)."""
    if value is None:
        return ""
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        value.isoformat(),
        date_format(timezone.localtime(value), "DATETIME_FORMAT"),
        relative_label(value, now),
    )


@register.simple_tag
def page_numbers(page_obj, on_each_side: int = 2) -> list:
    """The page numbers to link around the current one; ``None`` where pages are left out
    (shown as "…"). First and last are linked by name beside them."""
    paginator = page_obj.paginator
    numbers = paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=0)
    return [None if number == paginator.ELLIPSIS else number for number in numbers]
