"""Nobody outside a partnership sees its space: every page and every form answers 404 to
them, whatever their role (editors, moderators, superusers, staff of other partnerships)."""

import pytest
from django.urls import reverse

from dialogue.factories import JointActionFactory, PlanActivityFactory, ReflectionFactory
from dialogue.models import Dialogue, Milestone


def _urls(dialogue, action, activity):
    slug, year = dialogue.partnership.slug, dialogue.year
    return {
        "get": [
            reverse("dialogue:space", args=[slug]),
            reverse("dialogue:dialogue", args=[slug, year]),
            reverse("dialogue:plan", args=[slug]),
        ],
        "post": [
            reverse("dialogue:add_milestone", args=[slug]),
            reverse("dialogue:start_dialogue", args=[slug]),
            reverse("dialogue:dialogue", args=[slug, year]),
            reverse("dialogue:joint_record", args=[slug, year]),
            reverse("dialogue:mark_done", args=[slug, action.pk]),
            reverse("dialogue:plan_change", args=[slug, year]),
        ],
    }


@pytest.fixture
def filled(dialogue, partner, programme_staff):
    ReflectionFactory(dialogue=dialogue, went_well="Secret-partner-answer", author=partner)
    action = JointActionFactory(dialogue=dialogue, owner=partner, due_date="2026-12-01")
    activity = PlanActivityFactory(
        partnership=dialogue.partnership, owner=partner, due_date="2026-12-01"
    )
    Milestone.objects.create(partnership=dialogue.partnership, date="2026-01-01", title="T")
    return action, activity


@pytest.mark.parametrize(
    "role",
    [
        "anonymous",
        "non_member",
        "member",
        "editor",
        "moderator",
        "superuser",
        "staff of another partnership",
    ],
)
def test_outsiders_get_404_everywhere(client_for, outsiders, dialogue, filled, role):
    client = client_for(outsiders[role])
    urls = _urls(dialogue, *filled)
    for url in urls["get"]:
        assert client.get(url).status_code == 404, url
    for url in urls["post"]:
        data = {
            "action": "approve",
            "save": "1",
            "year": "2027",
            "title": "x",
            "date": "2026-01-01",
        }
        assert client.post(url, data).status_code == 404, url
    assert Dialogue.objects.filter(partnership=dialogue.partnership).count() == 1
    assert not Milestone.objects.filter(title="x").exists()


def test_people_of_the_space_see_it(client_for, dialogue, partner, programme_staff):
    for user in (partner, programme_staff):
        client = client_for(user)
        page = client.get(reverse("dialogue:space", args=["coast"]))
        assert page.status_code == 200
        assert b"Dialogue 2026" in page.content
        assert client.get(reverse("dialogue:plan", args=["coast"])).status_code == 200


def test_removed_member_loses_the_space_at_once(client_for, dialogue, partner):
    client = client_for(partner)
    assert client.get(reverse("dialogue:space", args=["coast"])).status_code == 200
    partner.memberships.all().delete()
    assert client.get(reverse("dialogue:space", args=["coast"])).status_code == 404


def test_nothing_of_the_space_on_home_search_sitemap_or_feeds(
    client_for, site, dialogue, filled, superuser, partner
):
    """The space's rows never reach the shared surfaces, even for the people in it."""
    for user in (superuser, partner):
        client = client_for(user)
        for url in ("/en/", "/sitemap.xml", "/en/search/?q=answer"):
            response = client.get(url)
            assert b"Secret-partner-answer" not in response.content, url
            assert b"/partnerships/coast/" not in response.content or user == partner, url


def test_account_page_lists_spaces_and_follow_up(client_for, dialogue, filled, partner, member):
    action, activity = filled
    Dialogue.objects.filter(pk=dialogue.pk).update(state=Dialogue.State.LOCKED)
    page = client_for(partner).get(reverse("partners:account")).content.decode()
    assert "/en/partnerships/coast/" in page
    assert action.description in page
    assert activity.title in page
    other = client_for(member).get(reverse("partners:account")).content.decode()
    assert "/partnerships/" not in other


def test_timeline_links_only_the_spaces_own_documents(client_for, partnership, partner, home_page):
    from wagtail.models import Collection, CollectionViewRestriction
    from wagtail_factories import DocumentFactory

    root = Collection.get_first_root_node()
    own = root.add_child(name="Coast space")
    restriction = CollectionViewRestriction.objects.create(
        collection=own, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([partnership.working_group])
    mine = DocumentFactory(collection=own, title="Agreement scan")
    elsewhere = DocumentFactory(title="Public leaflet")
    client = client_for(partner)
    page = client.get(reverse("dialogue:space", args=["coast"])).content.decode()
    assert "Agreement scan" in page and "Public leaflet" not in page
    url = reverse("dialogue:add_milestone", args=["coast"])
    base = {"date": "2026-03-01", "kind": "document", "title": "Signed"}
    client.post(url, {**base, "document": elsewhere.pk})
    assert not Milestone.objects.exists()
    client.post(url, {**base, "document": mine.pk})
    assert Milestone.objects.get().document == mine
    assert (
        "Agreement scan" in client.get(reverse("dialogue:space", args=["coast"])).content.decode()
    )


@pytest.mark.parametrize(
    ("phase", "linked"),
    [("implementing", False), ("phasing-out", True), ("phased-out", True)],
)
def test_space_leads_to_the_phase_out_form_when_phasing_out(
    client_for, partnership, partner, phase, linked
):
    partnership.phase = phase
    partnership.save()
    form = reverse("practices:phase_out", args=[partnership.pk])
    body = client_for(partner).get(reverse("dialogue:space", args=["coast"])).content.decode()
    assert (f'href="{form}"' in body) is linked
