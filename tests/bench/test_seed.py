"""make bench's data set: the core seed calls each app's bench step and skips apps that have
none, at any size (here a small one; the bench uses 50,000 posts)."""

import sys
from pathlib import Path

import pytest

SITE = Path(__file__).resolve().parents[2] / "bench" / "anchor_site"
sys.path.insert(0, str(SITE))
import paths  # noqa: E402, F401  (the shared harness's datashape.py)

benchseed = pytest.importorskip("benchseed", reason="the shared bench harness is not beside us")

pytestmark = pytest.mark.django_db


def test_seed_builds_every_apps_share():
    from forum.models import Category, Post, Topic
    from home.models import AnnexPage, HomePage, PolicyPage
    from partners.models import Membership, Organisation

    state = benchseed.seed(benchseed.Scale(posts=500, practices=50, events=5))
    assert list(state.made) == ["home", "partners", "practices", "forum", "events", "search"]
    assert HomePage.objects.count() == 4  # one per language
    assert PolicyPage.objects.count() == 4
    assert AnnexPage.objects.count() == 8  # two annexes in four languages
    assert PolicyPage.objects.get(locale__language_code="en").versions().count() == 2
    assert Organisation.objects.count() == 50
    assert Membership.objects.count() == 500
    assert Category.objects.count() == 20
    assert Topic.objects.count() == 20
    assert Post.objects.count() == 500
    assert Topic.objects.get(title__startswith="Topic 0000").posts.count() == 201
    assert benchseed.skipped_apps() == {}
    _practices_have_taxonomies_restrictions_and_translations(state)
    _events_have_timetables_and_registrations(state)


def _practices_have_taxonomies_restrictions_and_translations(state):
    from wagtail.models import Page, PageViewRestriction

    from practices.models import PracticeIndexPage, PracticePage

    assert state.made["practices"] == {
        "practices": 50,
        "translations": 20,  # every fifth in French (10), every tenth in Spanish, Arabic (5+5)
        "for members": 8,  # number % 8 == 1: seven originals and practice 25's French
        "for a group": 2,  # number % 25 == 3: 3 and 28
        "seconds": state.made["practices"]["seconds"],
    }
    assert PracticeIndexPage.objects.count() == 4
    assert PracticePage.objects.filter(locale__language_code="en").count() == 50
    assert PracticePage.objects.filter(locale__language_code="fr").count() == 10
    assert PracticePage.objects.filter(locale__language_code="ar").count() == 5
    french = PracticePage.objects.get(locale__language_code="fr", slug="practice-0010")
    original = PracticePage.objects.get(locale__language_code="en", slug="practice-0010")
    assert french.translation_key == original.translation_key
    assert french.title.startswith("[fr] Practice 0010")
    for page in PracticePage.objects.filter(locale__language_code="en"):
        assert 1 <= page.themes.count() <= 3
        assert 1 <= page.principles.count() <= 2
        assert page.regions.count() == 1
    # The tree stays valid for Wagtail: paths, depths and child counts as treebeard makes them.
    assert Page.find_problems() == ([], [], [], [], [])
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    assert index.get_children().count() == 50
    # Originals 1, 9, 17, 25, 33, 41, 49 for members; 3 and 28 for a group.
    restricted = PageViewRestriction.objects.filter(page__locale__language_code="en")
    assert restricted.filter(restriction_type="login").count() == 7
    assert restricted.filter(restriction_type="groups").count() == 2


def _events_have_timetables_and_registrations(state):
    from events.models import EventPage, EventSession, Registration

    assert state.made["events"]["events"] == 5
    assert EventPage.objects.filter(locale__language_code="en").count() == 5
    workshop = EventPage.objects.get(slug="event-00")
    assert EventSession.objects.filter(page=workshop).count() == 15  # 3 days x 5
    assert EventSession.objects.count() == 15 + 4 * 3
    assert Registration.objects.filter(event=workshop, status="confirmed").count() == 36
    assert Registration.objects.filter(event=workshop, status="waitlisted").count() == 4
    assert Registration.objects.count() == 5 * 40


def test_seed_pages_name_every_apps_pages(client):
    benchseed.seed(benchseed.Scale(posts=500, practices=50, events=5))
    pages = {page["name"]: page["path"] for page in benchseed.pages()}
    assert list(pages)[:3] == ["home", "policy", "policy_compare"]
    assert {"index", "category_p1", "topic_p1", "topic_last", "search", "feed"} <= set(pages)
    for name in (
        "home",
        "policy",
        "policy_compare",
        "practices_catalogue",
        "practices_catalogue_filtered",
        "practices_map",
        "practice",
        "topic_p1",
        "topic_last",
        "event",
        "event_ics",
        "search_facet",
        "feed",
    ):
        assert client.get(pages[name]).status_code == 200, name
