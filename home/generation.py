"""A generation token in the shared cache (Redis in production): what a worker keeps is valid
while the token it was kept under is current. Replacing the token retires it on every worker at
once — now, and again when the transaction commits, so that nothing read before the commit (the
old rows) outlives it under the new token. ``home.chrome`` (the page tree, the view restriction
tables) and ``home.pagecache`` (whole public pages; ``search.hitcache`` keys on it too) each
have one."""

from __future__ import annotations

import time
import uuid

from django.core.cache import cache
from django.db import transaction


class Generation:
    def __init__(self, key: str):
        self.key = key

    def current(self) -> str:
        token = cache.get(self.key)
        if token is None:
            token = uuid.uuid4().hex
            if not cache.add(self.key, token, timeout=None):
                token = cache.get(self.key) or token
        return token

    def replace(self) -> None:
        def new_token():
            cache.set(self.key, uuid.uuid4().hex, timeout=None)

        new_token()
        transaction.on_commit(new_token)

    def allows(self, kind: str, per_minute: int) -> bool:
        """One more entry of ``kind`` may be stored this minute under this generation: at most
        ``per_minute``, so a flood of made-up keys (query strings, searches) cannot push out
        what else the shared cache holds (sessions, rate-limit counters)."""
        counter = f"{self.key}:kept:{kind}:{self.current()}:{int(time.time() // 60)}"
        cache.add(counter, 0, timeout=65)
        try:
            return cache.incr(counter) <= per_minute
        except ValueError:  # expired between add and incr
            return False
