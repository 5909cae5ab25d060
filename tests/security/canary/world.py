"""The planted world: markers, the roles' accounts, and what each app made."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from .levels import SEES


@dataclass(frozen=True)
class Marker:
    text: str  # lower case: responses are searched case-insensitively (slugs come from titles)
    level: str
    where: str  # "forum.Topic.title (group topic)": what was planted, for failure messages


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)  # role → user (None: anonymous)
    markers: list[Marker] = field(default_factory=list)
    # Whatever the apps keep for their own later steps and URL values.
    objects: dict[str, Any] = field(default_factory=dict)
    feed_tokens: dict[str, str] = field(default_factory=dict)  # role → private feed token
    cookies: dict[str, dict[str, str]] = field(default_factory=dict)  # role → session cookies
    # (role, subject, text) of every mail sent from the moment the roles' sessions were open.
    mail: list[tuple[str | None, str, str]] = field(default_factory=list)

    def marker(self, level: str, where: str) -> str:
        """A new marker for ``where`` (``app.Model.field``, and which object) at ``level``."""
        assert level in SEES, f"unknown level {level!r}: add a row to levels.SEES"
        slug = where.split(" ")[0].rsplit(".", 1)[-1].replace("_", "")
        text = f"canary-{level.replace('_', '')}-{slug}-{secrets.token_hex(4)}".lower()
        self.markers.append(Marker(text, level, where))
        return text

    def keep(self, name: str, obj):
        self.objects[name] = obj
        return obj

    def role_of(self, address: str) -> str | None:
        for role, user in self.users.items():
            if user is not None and user.email.lower() == address.lower():
                return role
        return None
