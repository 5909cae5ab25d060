"""The canary suite (tests/security/canary/__init__.py says how an app takes part).

The world is planted once for the module, inside a transaction that is rolled back at the end
(each test's own changes are rolled back to a savepoint, as Django's TestCase does); then each
role requests everything and each marker may appear only where ``levels.SEES`` allows it.

Kept fast (CI runs it on SQLite and PostgreSQL): each distinct request is made once per role
(``urls.distinct``: apps and the pattern walk name some URLs twice), and roles without admin
access request ``/admin/`` alone for the ~340 admin patterns behind Wagtail's
``require_admin_access`` (``urls.admin_guarded``): that check runs before any of those views
and answers them all alike; the admin's unguarded views (sign-in, password reset) and this
site's own admin-prefixed views (page chooser, tag autocomplete) are still requested.
"""

from __future__ import annotations

import re
import time
from urllib.parse import urlencode

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.core import mail
from django.db import transaction
from django.test import Client, TestCase
from wagtail.models import Page, Site

from home.factories import HomePageFactory
from partners.factories import GroupFactory, MembershipFactory, UserFactory

from .canary import APPS, urls
from .canary.levels import FEED_READER_ELSEWHERE, ROLES, SEES, allowed
from .canary.world import World

# The site's URLs plus MEDIA_ROOT served at MEDIA_URL, as the proxy serves it in production:
# a restricted file stored under MEDIA_ROOT would answer there.
pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.home.media_urls")]

MARKER = re.compile(r"canary-[a-z]+-[a-z0-9]+-[0-9a-f]{8}")
STAFF = ("moderator", "editor", "event_organiser", "superuser")
# What each role must find somewhere: proof that the requests reached the content at all.
MUST_FIND = {
    "anonymous": {"public"},
    "feed_reader": {"public", "group"},
    "non_member": {"public"},
    "member": {"public", "members"},
    "group_member": {"public", "members", "group", "group_page", "sensitive", "moved", "space"},
    "removed_member": {"public", "members"},
    "deactivated": {"public"},
    "moderator": {"members", "group", "sensitive", "hidden", "post_history", "moderation"},
    "editor": {"members", "group_page", "draft", "feedback", "staff"},
    "event_organiser": {"members", "staff"},
    # Not the superuser: registrants' answers and proposals are the organisers' (a superuser
    # organises only by joining the group), submissions are listed to their submitter;
    # partnership spaces are their people's alone; unposted replies (forum drafts) their
    # author's.
    "superuser": set(SEES)
    - {"moved", "answers", "proposal", "submission", "space", "other_side"}
    - {"own_draft", "own_group_draft"},
}
# Editors manage partnerships in the Wagtail admin (issue 8: "editors manage it in the Wagtail
# admin"), so the practice page editor's "partnership" chooser may name every partnership to
# them. Only that surface is let through for editors; every other place still fails.
EDITORS_MANAGE_PARTNERSHIPS = {("editor", "partners.Partnership.name", "/admin/pages/")}
TIMINGS: dict[str, tuple[int, float]] = {}


def _users(world: World) -> None:
    group = world.keep("working_group", GroupFactory(name="Canary working group"))
    for role in ROLES:
        world.users[role] = None
    make = {
        "non_member": lambda: UserFactory(username="role-non_member"),
        "member": lambda: MembershipFactory(user__username="role-member").user,
        "group_member": lambda: MembershipFactory(user__username="role-group_member").user,
        "removed_member": lambda: MembershipFactory(user__username="role-removed_member").user,
        "deactivated": lambda: MembershipFactory(user__username="role-deactivated").user,
        "moderator": lambda: MembershipFactory(user__username="role-moderator").user,
        "editor": lambda: UserFactory(username="role-editor"),
        "event_organiser": lambda: UserFactory(username="role-event_organiser"),
        "superuser": lambda: UserFactory(
            username="role-superuser", is_superuser=True, is_staff=True
        ),
    }
    staff_groups = {
        "moderator": "Moderators",
        "editor": "Editors",
        "event_organiser": "Event organisers",
    }
    for role, factory in make.items():
        user = world.users[role] = factory()
        user.profile.display_name = f"role-{role}"
        user.profile.save()
        if role in ("group_member", "removed_member", "deactivated"):
            user.groups.add(group)
        if role in staff_groups:
            user.groups.add(Group.objects.get_or_create(name=staff_groups[role])[0])
        if role in STAFF:
            TOTP.activate(user, generate_totp_secret())
    author = MembershipFactory(user__username="canary-author").user
    author.groups.add(group)
    world.keep("author", author)
    world.keep("reporter", MembershipFactory(user__username="canary-reporter").user)


def _home(world: World) -> None:
    Page.objects.filter(depth=2).delete()
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    world.keep("home_page", home)


def _open_sessions(world: World) -> None:
    """Every account signs in; the group's members look at the group's space."""
    for role, user in world.users.items():
        if user is None:
            continue
        client = Client()
        client.force_login(user)
        if role in ("removed_member", "deactivated", "group_member"):
            for name in ("topic_group", "moving_topic"):
                assert client.get(world.objects[name].get_absolute_url()).status_code == 200
        world.cookies[role] = {key: morsel.value for key, morsel in client.cookies.items()}
    visitor = Client()
    for path in ("/en/", "/en/forum/", "/en/forum/feeds/latest/", "/en/moving/", "/en/policy/"):
        visitor.get(path)
    visitor.get(world.objects["moving_topic"].get_absolute_url())
    visitor.get(world.objects["edited_topic"].get_absolute_url())


def _lose_access(world: World) -> None:
    world.users["removed_member"].groups.remove(world.objects["working_group"])
    deactivated = world.users["deactivated"]
    deactivated.is_active = False
    deactivated.save()


def _mails(world: World, messages, phase: str) -> None:
    for message in messages:
        parts = [message.subject, message.body]
        parts += [content for content, _type in getattr(message, "alternatives", [])]
        for address in message.to:
            world.mail.append((world.role_of(address), phase, "\n".join(parts)))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.conf import settings

    private = tmp_path_factory.mktemp("canary-private")
    media = tmp_path_factory.mktemp("canary-media")
    private_media = tmp_path_factory.mktemp("canary-private-media")
    old = {
        name: getattr(settings, name, None)
        for name in ("FORUM_PRIVATE_ROOT", "MEDIA_ROOT", "GPE_PRIVATE_MEDIA_ROOT")
    }
    settings.FORUM_PRIVATE_ROOT = private
    settings.MEDIA_ROOT = media
    settings.GPE_PRIVATE_MEDIA_ROOT = private_media
    started = time.monotonic()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = World(
                objects={
                    "private_root": private,
                    "media_root": media,
                    "private_media_root": private_media,
                }
            )
            with TestCase.captureOnCommitCallbacks(execute=True):
                _users(world)
                _home(world)
                mail.outbox = []
                for app in APPS:
                    app.plant(world)
                _mails(world, mail.outbox, "before")
                _open_sessions(world)
                _lose_access(world)
                mail.outbox = []
                for app in APPS:
                    app.change(world)
                _mails(world, mail.outbox, "after")
            world.objects["planting_seconds"] = time.monotonic() - started
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            for name, value in old.items():
                setattr(settings, name, value)


@pytest.fixture(autouse=True)
def _private_root(world, settings):
    """The attachments planted for the module stay where they were written."""
    settings.FORUM_PRIVATE_ROOT = world.objects["private_root"]
    settings.MEDIA_ROOT = world.objects["media_root"]
    settings.GPE_PRIVATE_MEDIA_ROOT = world.objects["private_media_root"]


def _values(world: World) -> dict:
    """Each app's values; lists under the same name (``wagtail_serve``: every app's page
    routes) are joined."""
    values = {}
    for app in APPS:
        for name, found in app.url_values(world).items():
            if isinstance(found, list) and isinstance(values.get(name), list):
                values[name] = values[name] + [v for v in found if v not in values[name]]
            else:
                values[name] = found
    return values


def _requests(world: World, role: str) -> list[tuple[str, str, dict]]:
    wanted, _skipped, _missing = urls.requests(
        _values(world), admin="all" if role in STAFF else "plain"
    )
    for app in APPS:
        wanted += getattr(app, "extra_requests", lambda world: [])(world)
    wanted.append(("get", "/admin/tag-autocomplete/", {"term": "canary"}))
    return urls.distinct(wanted)


def _body(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    text = content.decode("utf-8", "replace")
    return f"{response.get('Location', '')}\n{text}".lower()


def _named_by_request(path: str, data: dict) -> set[str]:
    """Markers the request itself names (in its path or query): no leak when echoed back."""
    return set(MARKER.findall(" ".join([path, *(str(v) for v in data.values())]).lower()))


def _client(world: World, role: str) -> Client:
    client = Client(raise_request_exception=False)
    for key, value in world.cookies.get(role, {}).items():
        if role != "feed_reader":
            client.cookies[key] = value
    return client


def _scan(world, role, client):
    """(leaks, levels found, request count)."""
    by_text = {marker.text: marker for marker in world.markers}
    token = world.feed_tokens.get("group_member" if role == "feed_reader" else role)
    private_feed = f"/en/forum/feeds/private/{token}/"
    leaks, found = [], set()
    requests = _requests(world, role)
    if token:
        requests.append(("get", private_feed, {}))
    for method, path, data in requests:
        response = getattr(client, method)(path, data)
        viewer = role
        if role == "feed_reader" and path != private_feed:
            viewer = FEED_READER_ELSEWHERE
        for text_found in set(MARKER.findall(_body(response))) - _named_by_request(path, data):
            marker = by_text.get(text_found)
            if marker is None:
                continue
            found.add(marker.level)
            if not allowed(marker.level, viewer) and not any(
                viewer == who
                and marker.where == where
                and path.startswith(prefix)
                and path.endswith("/edit/")
                and int(path.split("/")[3]) in world.objects["practice_pks"]
                for who, where, prefix in EDITORS_MANAGE_PARTNERSHIPS
            ):
                query = f"?{urlencode(data)}" if data and method == "get" else ""
                leaks.append(
                    f"{role} saw {marker.text} ({marker.level}: {marker.where}) "
                    f"in {method.upper()} {path}{query} [{response.status_code}]"
                )
    for mail_role, phase, text in world.mail:
        if mail_role != role:
            continue
        # Who lost access did so after the first mails: those were theirs when sent.
        if phase == "before" and role in ("removed_member", "deactivated"):
            continue
        for text_found in set(MARKER.findall(text.lower())):
            marker = by_text.get(text_found)
            if marker is None:
                continue
            found.add(marker.level)
            if not allowed(marker.level, role):
                leaks.append(
                    f"{role} was mailed {marker.text} ({marker.level}: {marker.where}) "
                    f"[{phase} the changes]"
                )
    return leaks, found, len(requests)


def test_canary_every_pattern_has_values(world):
    """A front-end URL pattern with arguments and no planted values would go untested."""
    _wanted, _skipped, missing = urls.requests(_values(world), admin="all")
    assert missing == []


def test_canary_every_level_is_planted(world):
    assert {marker.level for marker in world.markers} == set(SEES)
    assert len({marker.text for marker in world.markers}) == len(world.markers)


@pytest.mark.parametrize("role", ROLES)
def test_canary_role_sees_only_what_it_may(world, role):
    started = time.monotonic()
    leaks, found, count = _scan(world, role, _client(world, role))
    TIMINGS[role] = (count, time.monotonic() - started)
    assert leaks == [], "\n".join(leaks)
    assert MUST_FIND[role] - found == set()


def test_canary_public_page_cache_keeps_nothing_of_a_member(world, settings):
    """With whole public pages and search hit lists kept (home.pagecache, search.hitcache, on
    in production), the superuser and a group member first request every page and search
    (nothing of theirs may be kept for anyone else); then a visitor requests them all and still
    sees only what a visitor may."""
    settings.GPE_PUBLIC_PAGE_CACHE = True
    settings.GPE_SEARCH_CACHE = True
    for role in ("superuser", "group_member"):
        client = _client(world, role)
        for method, path, data in _requests(world, role):
            if method == "get":
                client.get(path, data)
    leaks, found, _count = _scan(world, "anonymous", _client(world, "anonymous"))
    assert leaks == [], "\n".join(leaks)
    assert MUST_FIND["anonymous"] - found == set()
    # The visitor's own pages were kept and answered again, still without a leak.
    leaks, _found, _count = _scan(world, "anonymous", _client(world, "anonymous"))
    assert leaks == [], "\n".join(leaks)


def test_canary_restricted_files_are_not_under_media_root(world):
    """What the proxy serves from MEDIA_ROOT without asking Django holds no restricted file
    (documents are private whatever their collection; restricted images and renditions too)."""
    import os

    public = {
        os.path.basename(name)
        for _root, _dirs, names in os.walk(world.objects["media_root"])
        for name in names
    }
    leaked = [name for name in public if MARKER.search(name) and "public" not in name]
    assert leaked == []
    assert any("canary-public-" in name for name in public)  # the public image is there
