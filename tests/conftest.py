"""Shared fixtures: the site tree in four languages and one user per role."""

import os
import shutil

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from wagtail.models import Locale, Page, Site

from home.factories import HomePageFactory
from partners.factories import GroupFactory, MembershipFactory, UserFactory
from partners.models import Membership

LANGUAGES = ("en", "fr", "es", "ar")

# The modules whose tests run background tasks (mail, notifications, digests, reminders).
# `make test-redis-tasks` runs them (marker "tasks") with the RQ backend on this machine's
# Redis. A module whose tests enqueue tasks belongs here.
TASK_TEST_MODULES = {
    "tests/events/test_ical.py",
    "tests/events/test_last_seat.py",
    "tests/events/test_plug_points.py",
    "tests/events/test_registration.py",
    "tests/events/test_safety.py",
    "tests/events/test_waitlist.py",
    "tests/forum/test_notifications.py",
    "tests/forum/test_pseudonymous.py",
    "tests/home/test_policy_feedback.py",
    "tests/home/test_policy_review.py",
    "tests/home/test_task_backend.py",
    "tests/gpe_site/test_tasks_twice.py",
    "tests/partners/test_access_requests.py",
    "tests/partners/test_directory.py",
    "tests/partners/test_invitations.py",
    "tests/partners/test_organisation_admin.py",
}


def pytest_collection_modifyitems(config, items):
    root = config.rootpath
    for item in items:
        if item.path.relative_to(root).as_posix() in TASK_TEST_MODULES:
            item.add_marker(pytest.mark.tasks)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits count in the cache; no test should inherit another's attempts."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def _search_server(django_db_setup, django_db_blocker):
    """A real search server's test indexes, made once per session (tests/search_servers.py),
    or None on the database backend."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    if not hasattr(backend, "empty"):
        return None
    with django_db_blocker.unblock():
        backend.prepare()
    return backend


@pytest.fixture(autouse=True)
def _empty_search_server(request):
    """On a real search server, every test starts with empty indexes: the database rolls back
    after each test and primary keys come round again."""
    if "ELASTICSEARCH_URL" in os.environ or "OPENSEARCH_URL" in os.environ:
        backend = request.getfixturevalue("_search_server")
        if backend is not None:
            backend.empty()


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    """Files (forum attachments, CMS media, public and private) go to a temporary folder,
    never the checkout."""
    settings.FORUM_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GPE_PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def locales(db):
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}


@pytest.fixture
def home_page(locales):
    Page.objects.filter(depth=2).delete()  # Wagtail's "Welcome" page, and the site on it
    # Transactional (browser) tests flush the tree that Wagtail's migrations made.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locales["en"])
    )
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def translated_home(home_page, locales):
    """The home page with a translation in every language, as wagtail-localize makes them."""
    pages = {"en": home_page}
    for code in LANGUAGES[1:]:
        translation = home_page.copy_for_translation(locales[code])
        translation.title = {"fr": "Accueil", "es": "Inicio", "ar": "الرئيسية"}[code]
        translation.save_revision().publish()
        pages[code] = translation
    return pages


# --- Query counts ------------------------------------------------------------------------------
# What the page chrome (header, menu, language switcher, bell) costs on every front-end page once
# it is warm: the page tree and the site are kept by home/chrome.py, sessions come from the
# cache. Page query-count tests add their own queries to these, named.
# A visitor: nothing (the view restrictions, which partners.access filters the kept menu and
# home pages with, are kept per worker too, as plain values, until any restriction changes).
VISITOR_CHROME = 0
# A member: the user with its membership facts (partners.backends); their groups; the bell's
# count of unread notifications.
MEMBER_CHROME = 3
# Serving a Wagtail page to a visitor: Wagtail's routing (site, locale, the root, the page in
# the tree, its specific row: 5), partners.access's view restrictions (VISITOR_CHROME, shared
# with the chrome) and Wagtail's own check of the page's ancestors and their restrictions (2).
PAGE_SERVING = 5 + VISITOR_CHROME + 2


def main_of(html: str) -> str:
    """The page's ``<main>`` only: the header's bell lists the titles of unread notifications
    on every page, so "not on this page" tests look at the page's own content."""
    start = html.index("<main")
    return html[start : html.index("</main>", start)]


# --- Roles -----------------------------------------------------------------------------------

ROLES = (
    "anonymous",
    "non_member",
    "member",
    "group_member",
    "removed_member",
    "deactivated_member",
    "editor",
    "moderator",
    "superuser",
)


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def non_member(db):
    """Signed in, verified, but in no organisation."""
    return UserFactory(username="outsider")


@pytest.fixture
def member(db):
    return MembershipFactory(user__username="member").user


@pytest.fixture
def working_group(db):
    return GroupFactory(name="Partnership working group")


@pytest.fixture
def group_member(db, working_group):
    user = MembershipFactory(user__username="groupmember").user
    user.groups.add(working_group)
    return user


@pytest.fixture
def removed_member(working_group):
    """Was a member of the working group; the membership row has been deleted."""
    user = MembershipFactory(user__username="removed").user
    user.groups.add(working_group)
    Membership.objects.filter(user=user).delete()
    return user


@pytest.fixture
def deactivated_member(working_group):
    user = MembershipFactory(user__username="deactivated").user
    user.groups.add(working_group)
    user.is_active = False
    user.save()
    return user


@pytest.fixture
def moderator(db):
    user = MembershipFactory(user__username="moderator").user
    user.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    return user


@pytest.fixture
def editor(db):
    user = UserFactory(username="editor")
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def client_for(client):
    """``client_for(user)``: a test client signed in as ``user`` (the second factor is done)."""

    def sign_in(user):
        if user is not None and user.is_authenticated:
            client.force_login(user)
        return client

    return sign_in


# --- Browser ---------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium through Playwright. Missing Chromium skips locally and fails in CI."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (.ci/run installs it)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the test's own ORM
    # calls are still synchronous, so Django's async guard does not apply.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
