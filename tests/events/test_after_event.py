"""After the event: materials under each session and outcome links, both listed only to
readers who may open them (a restricted document or page is not even named), links in the
reader's language; and the organisers' CSV export of the proposals."""

import csv
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
)
from wagtail_factories import CollectionFactory, DocumentFactory

from events import services
from events.factories import ProposalFactory
from home.factories import PolicyPageFactory
from practices.factories import PracticePageFactory
from tests.conftest import MEMBER_CHROME, PAGE_SERVING

pytestmark = pytest.mark.django_db

URL = "/en/events/workshop-2027/"


def _collection(name, kind=BaseViewRestriction.LOGIN, groups=()):
    collection = CollectionFactory(parent=Collection.get_first_root_node(), name=name)
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=kind
    )
    restriction.groups.set(groups)
    return collection


@pytest.fixture
def materials(workshop, working_group):
    """The opening plenary's slides (public, with their own title), the members' notes
    (restricted to members) and the working group's minutes (restricted to the group)."""
    public = DocumentFactory(title="opening-slides.pdf")
    members_only = DocumentFactory(
        title="Members' notes on the plenary", collection=_collection("Members")
    )
    group_only = DocumentFactory(
        title="Working group minutes",
        collection=_collection("Group", BaseViewRestriction.GROUPS, [working_group]),
    )
    session = workshop.sessions.get(title="Opening plenary")
    session.materials = [
        ("material", {"document": public, "title": "Opening slides"}),
        ("material", {"document": members_only, "title": ""}),
        ("material", {"document": group_only, "title": ""}),
    ]
    session.save()
    return {"public": public, "members": members_only, "group": group_only}


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("anonymous", ["Opening slides"]),
        ("non_member", ["Opening slides"]),
        ("member", ["Opening slides", "Members' notes on the plenary"]),
        (
            "group_member",
            ["Opening slides", "Members' notes on the plenary", "Working group minutes"],
        ),
    ],
)
def test_materials_are_listed_only_to_readers_who_may_open_them(
    client_for, materials, role, shown, request
):
    body = client_for(request.getfixturevalue(role)).get(URL).content.decode()
    titles = {
        "Opening slides": materials["public"],
        "Members' notes on the plenary": materials["members"],
        "Working group minutes": materials["group"],
    }
    for title, document in titles.items():
        listed = title.replace("'", "&#x27;") in body
        linked = document.url in body
        assert (listed, linked) == (title in shown, title in shown), (role, title)
    assert "opening-slides.pdf" not in body  # the editor's own title wins


def test_materials_service_keeps_the_editors_order_and_skips_a_deleted_document(
    workshop, materials, group_member
):
    materials["members"].delete()
    sessions = list(workshop.sessions.all())
    shown = services.session_materials(sessions, group_member)
    opening = workshop.sessions.get(title="Opening plenary")
    assert [item["title"] for item in shown[opening.pk]] == [
        "Opening slides",
        "Working group minutes",
    ]
    assert set(shown) == {opening.pk}


@pytest.fixture
def outcome_links(workshop, home_page):
    policy = PolicyPageFactory(parent=home_page, slug="policy", title="Partnership Policy")
    public_practice = PracticePageFactory(title="Bridging years")
    members_practice = PracticePageFactory(title="Safe archives for partners")
    PageViewRestriction.objects.create(
        page=members_practice, restriction_type=BaseViewRestriction.LOGIN
    )
    draft = PracticePageFactory(title="Unpublished draft practice", live=False)
    workshop.outcome_links = [
        ("page", members_practice),
        ("page", policy),
        ("page", draft),
        ("page", public_practice),
    ]
    workshop.save()
    return {"policy": policy, "public": public_practice, "members": members_practice}


def _outcome_titles(body):
    section = body.split('id="outcomes-heading"', 1)[1].split("</section>", 1)[0]
    return [
        title
        for title in (
            "Safe archives for partners",
            "Partnership Policy",
            "Unpublished draft practice",
            "Bridging years",
        )
        if title in section
    ]


def test_outcome_links_only_to_pages_the_reader_may_see(client_for, outcome_links, member):
    assert _outcome_titles(client_for(None).get(URL).content.decode()) == [
        "Partnership Policy",
        "Bridging years",
    ]
    body = client_for(member).get(URL).content.decode()
    assert _outcome_titles(body) == [
        "Safe archives for partners",
        "Partnership Policy",
        "Bridging years",
    ]
    assert f'href="{outcome_links["members"].url}"' in body


def test_outcome_links_in_the_readers_language(
    client_for, translated_home, workshop, outcome_links, locales
):
    index_fr = workshop.get_parent().copy_for_translation(locales["fr"])
    index_fr.save_revision().publish()
    page_fr = workshop.copy_for_translation(locales["fr"])
    page_fr.save_revision().publish()
    policy_fr = outcome_links["policy"].copy_for_translation(locales["fr"], copy_parents=True)
    policy_fr.title = "Politique de partenariat"
    policy_fr.save_revision().publish()
    body = client_for(None).get(f"/fr/{index_fr.slug}/{page_fr.slug}/").content.decode()
    section = body.split('id="outcomes-heading"', 1)[1].split("</section>", 1)[0]
    assert "Politique de partenariat" in section and 'lang="fr"' in section
    assert "Bridging years" in section  # no French translation: the original
    # The English page still links the English policy.
    english = client_for(None).get(URL).content.decode()
    assert "Politique de partenariat" not in english and "Partnership Policy" in english


def test_outcome_links_keep_a_restricted_translation_hidden(
    translated_home, workshop, outcome_links, locales, member
):
    policy_fr = outcome_links["policy"].copy_for_translation(locales["fr"], copy_parents=True)
    policy_fr.title = "Politique restreinte"
    policy_fr.save_revision().publish()
    PageViewRestriction.objects.create(page=policy_fr, restriction_type=BaseViewRestriction.LOGIN)
    with translation.override("fr"):
        shown = services.outcome_pages(workshop, AnonymousUser())
        assert [page.title for page in shown] == ["Partnership Policy", "Bridging years"]
        member_view = services.outcome_pages(workshop, member)
    assert [page.title for page in member_view] == [
        "Safe archives for partners",
        "Politique restreinte",
        "Bridging years",
    ]


# --- The proposals' export ------------------------------------------------------------------

EXPORT = URL + "organisers/proposals/export/"


def _rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.fixture
def proposals(workshop, member):
    member.profile.display_name = "Proposer Pseudonym"
    member.profile.save()
    ProposalFactory(event=workshop, proposer=member, title="Safe archives", abstract="=cmd|1")
    ProposalFactory(
        event=workshop, proposer=member, title="@SUM(1)", abstract="Plain", language="French"
    )
    return workshop


def test_organisers_export_the_proposals_with_formulas_neutralised(
    client_for, proposals, organiser
):
    rows = _rows(client_for(organiser).get(EXPORT))
    assert rows[0][:3] == ["Proposer", "Title", "Abstract"]
    assert [row[:3] for row in rows[1:]] == [
        ["Proposer Pseudonym", "Safe archives", "'=cmd|1"],
        ["Proposer Pseudonym", "'@SUM(1)", "Plain"],
    ]


def test_anonymised_review_exports_no_proposer_at_all(client_for, proposals, organiser, member):
    proposals.anonymous_review = True
    proposals.save()
    response = client_for(organiser).get(EXPORT)
    body = response.content.decode()
    assert "Proposer Pseudonym" not in body and member.email not in body
    assert member.username not in body
    rows = _rows(response)
    assert "Proposer" not in rows[0] and rows[0][0] == "Title"
    assert [row[0] for row in rows[1:]] == ["Safe archives", "'@SUM(1)"]


def test_the_proposals_page_links_the_export_and_says_it_is_anonymised(
    client_for, proposals, organiser
):
    proposals.anonymous_review = True
    proposals.save()
    body = client_for(organiser).get(URL + "organisers/proposals/").content.decode()
    assert 'href="/en/events/workshop-2027/organisers/proposals/export/"' in body
    assert "The export leaves out who proposed." in body


def test_export_query_count(client_for, proposals, organiser, django_assert_num_queries):
    client = client_for(organiser)
    client.get(EXPORT)
    # Serving the page (PAGE_SERVING + 2 deeper); the organiser's user, groups (the chrome's
    # first two, MEMBER_CHROME - 1: no template, so no bell); the staff MFA check (1); the
    # proposals with their proposers' profiles (1).
    with django_assert_num_queries(PAGE_SERVING + 2 + MEMBER_CHROME - 1 + 1 + 1):
        assert client.get(EXPORT).status_code == 200


@pytest.mark.parametrize(
    "role", ["anonymous", "non_member", "member", "group_member", "moderator", "editor"]
)
def test_the_proposals_export_is_404_for_everyone_but_organisers(
    client_for, proposals, role, request
):
    user = request.getfixturevalue(role)
    if role in ("moderator", "editor"):
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(user, generate_totp_secret())
    assert client_for(user).get(EXPORT).status_code == 404
