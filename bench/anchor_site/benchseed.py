"""The benchmark's data set, built by the apps themselves.

The core seed knows no app. Each project app that has something to measure ships a
``<app>/bench.py`` with

* ``bench_seed(seed: Seed) -> dict``: bulk-insert its share of the data set at ``seed.scale``
  (counts it made, for the log and the report), and
* ``bench_pages(seed: Seed) -> list[dict]``: the pages to measure, ``{"name", "path"}``
  (names are stable: the report and the growth plots key on them).

Steps run in ``INSTALLED_APPS`` order (home, partners, practices, forum, events), so an app can
use what the apps before it made (``seed.home``, ``seed.users``, ``seed.organisations``). An app
without a ``bench.py``, or whose models do not exist yet, is skipped with a line in the log:
practices and events plug in by adding their ``bench.py``, without editing this file.

Sizes come from the environment so that the growth runs reuse the same code:
``GPE_BENCH_POSTS`` (50000; topics follow at 25 posts per topic), ``GPE_BENCH_PRACTICES``
(500), ``GPE_BENCH_EVENTS`` (50). The forum part is the shared harness's ``datashape.py``
resized, so at the default size it is exactly the anchors' data.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from importlib import import_module, util

import datashape
from django.apps import apps

PROJECT_APPS = ("home", "partners", "practices", "forum", "events", "search")


@dataclass(frozen=True)
class Scale:
    users: int = 500
    organisations: int = 50
    categories: int = 20
    posts: int = 50_000
    practices: int = 500
    events: int = 50

    @property
    def topics(self) -> int:
        return self.posts // 25

    @classmethod
    def from_environment(cls) -> Scale:
        def number(name, default):
            return int(os.environ.get(name, default))

        return cls(
            posts=number("GPE_BENCH_POSTS", cls.posts),
            practices=number("GPE_BENCH_PRACTICES", cls.practices),
            events=number("GPE_BENCH_EVENTS", cls.events),
        )

    def as_dict(self) -> dict:
        return {
            "users": self.users,
            "organisations": self.organisations,
            "categories": self.categories,
            "topics": self.topics,
            "posts": self.posts,
            "practices": self.practices,
            "events": self.events,
        }


@dataclass
class Seed:
    """What the steps share: the size, the forum shape, and what earlier steps made."""

    scale: Scale
    started: float = field(default_factory=time.monotonic)
    home: dict = field(default_factory=dict)  # {language code: HomePage}
    users: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    made: dict = field(default_factory=dict)  # {app label: {what: count}}

    @property
    def shape(self):
        """The harness's ``datashape`` module, resized to this scale (it reads its module
        constants at call time)."""
        datashape.N_USERS = self.scale.users
        datashape.N_CATEGORIES = self.scale.categories
        datashape.N_TOPICS = self.scale.topics
        datashape.N_POSTS = self.scale.posts
        return datashape

    def log(self, *parts):
        print(f"[gpe seed {time.monotonic() - self.started:6.1f}s]", *parts, flush=True)


def _steps():
    """(app label, module or None, why skipped) for every project app, in INSTALLED_APPS
    order."""
    for config in apps.get_app_configs():
        if config.name not in PROJECT_APPS:
            continue
        module_name = f"{config.name}.bench"
        if util.find_spec(module_name) is None:
            yield config.label, None, "no bench.py"
        elif not list(config.get_models()):
            yield config.label, None, "no models yet"
        else:
            yield config.label, import_module(module_name), ""


def seed(scale: Scale | None = None) -> Seed:
    state = Seed(scale=scale or Scale.from_environment())
    state.log("scale", state.scale.as_dict())
    for label, module, skipped in _steps():
        if module is None or not hasattr(module, "bench_seed"):
            state.log(f"{label}: skipped ({skipped or 'no bench_seed'})")
            continue
        t0 = time.monotonic()
        made = module.bench_seed(state) or {}
        state.made[label] = {**made, "seconds": round(time.monotonic() - t0, 1)}
        state.log(f"{label}: {state.made[label]}")
    return state


def pages() -> list[dict]:
    """Every app's pages, in app order."""
    state = Seed(scale=Scale.from_environment())
    out = []
    for _label, module, _skipped in _steps():
        if module is not None and hasattr(module, "bench_pages"):
            out.extend(module.bench_pages(state))
    return out


def skipped_apps() -> dict:
    """{app label: why} for the apps without a bench step (the report leaves their slots)."""
    return {label: why for label, module, why in _steps() if module is None}
