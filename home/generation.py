"""A generation token in the shared cache (Redis in production): what a worker keeps is valid
while the token it was kept under is current. Replacing the token retires it on every worker at
once — now, and again when the transaction commits, so that nothing read before the commit (the
old rows) outlives it under the new token. ``home.chrome`` (the page tree, the view restriction
tables) and ``home.pagecache`` (whole public pages) each have one."""

from __future__ import annotations

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
