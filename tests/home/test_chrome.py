"""The header's page-tree data (home pages, menu, translations) is kept between requests,
never per reader: every request filters it through partners.access, and any change to the
tree replaces it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import PageViewRestriction

from home import chrome
from home.factories import StandardPageFactory
from home.templatetags.gpe_tags import language_switcher, main_menu

pytestmark = pytest.mark.django_db


def _menu(user, language="en", page=None):
    request = RequestFactory().get(f"/{language}/forum/")
    request.user = user
    with translation.override(language):
        menu = main_menu(Context({"request": request, "page": page}))
        links = language_switcher(Context({"request": request, "page": page}))
    return [item["title"] for item in menu["menu_pages"]], menu["home"], links["links"]


@pytest.fixture
def about(home_page):
    page = StandardPageFactory(parent=home_page, slug="about", title="About", show_in_menus=True)
    page.save_revision().publish()
    return page


def test_chrome_header_costs_no_tree_query_once_kept(
    about, translated_home, django_assert_num_queries
):
    _menu(AnonymousUser(), page=translated_home["fr"])  # the first request keeps the tree
    # Nothing: partners.access's view restrictions are kept too (as plain values; each
    # reader's verdict is computed per request).
    with django_assert_num_queries(0):
        titles, home, links = _menu(AnonymousUser(), page=translated_home["fr"])
    assert titles == ["About"]
    assert home.pk == translated_home["en"].pk
    assert [link["url"] for link in links] == ["/en/", "/fr/", "/es/", "/ar/"]


def test_chrome_menu_follows_publish_unpublish_move_and_delete(home_page, about):
    visitor = AnonymousUser()
    assert _menu(visitor)[0] == ["About"]
    join = StandardPageFactory(parent=home_page, slug="join", title="Join", show_in_menus=True)
    join.save_revision().publish()
    assert _menu(visitor)[0] == ["About", "Join"]
    join.unpublish()
    assert _menu(visitor)[0] == ["About"]
    join.save_revision().publish()
    join.move(about, pos="last-child")  # no longer a child of the home page
    assert _menu(visitor)[0] == ["About"]
    about.delete()
    assert _menu(visitor)[0] == []


def test_chrome_title_change_shows_after_publish(about):
    visitor = AnonymousUser()
    assert _menu(visitor)[0] == ["About"]
    draft = about.get_latest_revision_as_object()
    draft.title = "About us"
    draft.save_revision()
    assert _menu(visitor)[0] == ["About"]  # a draft is not shown
    draft.save_revision().publish()
    assert _menu(visitor)[0] == ["About us"]


def test_chrome_never_shows_a_members_page_to_a_visitor(
    home_page, about, member, non_member, django_capture_on_commit_callbacks
):
    corner = StandardPageFactory(
        parent=home_page, slug="corner", title="Members corner", show_in_menus=True
    )
    corner.save_revision().publish()
    PageViewRestriction.objects.create(page=corner, restriction_type=PageViewRestriction.LOGIN)
    assert _menu(member)[0] == ["About", "Members corner"]  # kept after a member's request
    assert _menu(AnonymousUser())[0] == ["About"]
    assert _menu(non_member)[0] == ["About"]
    # A restriction added later applies at once, with nothing kept to replace.
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert _menu(AnonymousUser())[0] == []
    assert _menu(member)[0] == ["About", "Members corner"]


def test_chrome_menu_is_per_language(translated_home, about, locales):
    french = about.copy_for_translation(locales["fr"])
    french.title = "À propos"
    french.save_revision().publish()
    visitor = AnonymousUser()
    assert _menu(visitor, "en")[0] == ["About"]
    titles, home, _links = _menu(visitor, "fr")
    assert titles == ["À propos"]
    assert home.pk == translated_home["fr"].pk


def test_chrome_generation_is_replaced_again_on_commit(about, django_capture_on_commit_callbacks):
    before = chrome.generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        about.save_revision().publish()
    assert callbacks  # the second replacement, once the transaction commits
    assert chrome.generation() != before
