"""Turning a post's Markdown into its stored HTML: home.sanitize renders and cleans it, then
@mentions of members who may see the topic become links, and the result is cleaned again.

Runs when a post is saved, never when it is read.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.translation import gettext

from home.sanitize import clean_html, render_markdown
from partners import access
from partners.models import Profile

# "@name": letters, digits, "_", "." and "-" in any script, not starting or ending with "."/"-".
# A name with spaces cannot be mentioned (it would be ambiguous in running text).
MENTION_RE = re.compile(r"(?<![\w@/.])@(\w(?:[\w.\-]{0,58}\w)?)")
# A tag, attribute values included (they may contain ">").
_TAG_RE = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
_SKIP = {"a", "code", "pre"}


def _text_segments(html: str):
    """Yield (is_text_outside_links_and_code, segment) for the pieces of cleaned HTML."""
    depth = 0
    for piece in _TAG_RE.split(html):
        if piece.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", piece)
            tag = name.group(1).lower() if name else ""
            if tag in _SKIP:
                if piece.startswith("</"):
                    depth = max(depth - 1, 0)
                elif not piece.endswith("/>"):
                    depth += 1
            yield False, piece
        else:
            yield depth == 0, piece


def mentioned_names(html: str) -> set[str]:
    names = set()
    for is_text, piece in _text_segments(html):
        if is_text:
            names.update(MENTION_RE.findall(piece))
    return names


def resolve_mentions(names: set[str], topic) -> dict[str, object]:
    """{name: user} for names that belong to exactly one active member who may see ``topic``.

    Two members sharing a display name are both left out: a mention must never reach the
    wrong person.
    """
    if not names:
        return {}
    profiles = Profile.objects.filter(display_name__in=names, user__is_active=True).select_related(
        "user"
    )
    by_name: dict[str, list] = {}
    for profile in profiles:
        by_name.setdefault(profile.display_name, []).append(profile.user)
    resolved = {}
    for name, users in by_name.items():
        if len(users) == 1 and access.can_view(users[0], topic, purpose=access.READ):
            resolved[name] = users[0]
    return resolved


def _link_mentions(html: str, users: dict[str, object]) -> str:
    def link(match):
        user = users.get(match.group(1))
        if user is None:
            return match.group(0)
        # Without a language prefix: LocaleMiddleware sends each reader to their language.
        href = f"/forum/u/{user.pk}/"
        return f'<a href="{href}">@{escape(match.group(1))}</a>'

    out = []
    for is_text, piece in _text_segments(html):
        out.append(MENTION_RE.sub(link, piece) if is_text else piece)
    return "".join(out)


def render_post(markdown: str, *, topic) -> tuple[str, list]:
    """The post's stored HTML and the members it mentions (those who may see ``topic``)."""
    html = render_markdown(markdown)
    users = resolve_mentions(mentioned_names(html), topic)
    if users:
        html = clean_html(_link_mentions(html, users))
    return html, list(users.values())


def quote(post) -> str:
    """Markdown quoting ``post`` for a reply, attributed as the post is shown to others."""
    lines = [f"> {line}" if line else ">" for line in post.markdown.splitlines()]
    if post.is_pseudonymous:
        attribution = gettext("a partner from %(region)s") % {
            "region": post.get_pseudonym_region_display()
        }
    elif post.author is not None:
        attribution = f"@{post.author.profile.display_name}"
    else:
        attribution = gettext("a former member")
    return "\n".join([*lines, ">", f"> — {attribution}", "", ""])
