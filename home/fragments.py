"""Rendered fragments kept in the shared cache under a key made of what they show.

The key is a digest of every value the fragment prints (its ``parts``), the active language
and the source of the templates it renders, so a fragment never needs to be invalidated: new
content, a new translation or a new template is a new key. Callers decide *whether* a
fragment may be kept: only for readers who see nothing personal (anonymous visitors on
content every visitor may see), never for a signed-in member's view, a restricted listing, or
anything with a form (a CSRF token is personal).
"""

from __future__ import annotations

import hashlib
from functools import cache as remember

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

TIMEOUT = 60 * 60  # an unused key just expires; nothing is ever stale under it


@remember
def template_digest(*names: str) -> str:
    """The templates' source, as a short digest (once per process: a deploy restarts it)."""
    digest = hashlib.blake2b(digest_size=8)
    for name in names:
        digest.update(get_template(name).template.source.encode())
    return digest.hexdigest()


def kept(name: str, templates: tuple[str, ...], parts, render) -> SafeString:
    """``render()`` (HTML that Django's templates rendered, so escaped), kept under
    ``name`` + language + templates + a digest of ``parts``."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    key = f"gpe:fragment:{name}:{get_language()}:{template_digest(*templates)}:{digest}"
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, timeout=TIMEOUT)
    # Template output: escaped when it was rendered, user text included.
    return mark_safe(html)  # noqa: S308
