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


def test_seed_builds_every_apps_share_and_skips_apps_without_a_step():
    from forum.models import Category, Post, Topic
    from home.models import AnnexPage, HomePage, PolicyPage
    from partners.models import Membership, Organisation

    state = benchseed.seed(benchseed.Scale(posts=500))
    assert list(state.made) == ["home", "partners", "forum"]
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
    skipped = benchseed.skipped_apps()
    assert skipped["practices"] in ("no bench.py", "no models yet")
    assert skipped["events"] in ("no bench.py", "no models yet")


def test_seed_pages_name_every_apps_pages(client):
    benchseed.seed(benchseed.Scale(posts=500))
    pages = {page["name"]: page["path"] for page in benchseed.pages()}
    assert list(pages)[:3] == ["home", "policy", "policy_compare"]
    assert {"index", "category_p1", "topic_p1", "topic_last", "search", "feed"} <= set(pages)
    for name in ("home", "policy", "policy_compare", "topic_p1", "topic_last", "feed"):
        assert client.get(pages[name]).status_code == 200, name
