import pytest

from ..conftest import VISITOR_CHROME

pytestmark = pytest.mark.django_db


def test_home_page_serves_in_every_language(client, translated_home):
    for code, page in translated_home.items():
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        assert page.title in response.content.decode()


def test_root_redirects_to_a_language_prefix(client, home_page):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.fixture
def members_only_page(home_page):
    from wagtail.models import PageViewRestriction

    from home.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_page, slug="members-corner", title="Members corner")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def test_restricted_page_is_a_404_for_anonymous_not_a_login_redirect(client, members_only_page):
    response = client.get("/en/members-corner/")
    assert response.status_code == 404
    assert "Members corner" not in response.content.decode()


def test_restricted_page_is_a_404_for_signed_in_non_members(
    client_for, non_member, members_only_page
):
    assert client_for(non_member).get("/en/members-corner/").status_code == 404


def test_restricted_page_serves_members(client_for, member, members_only_page):
    response = client_for(member).get("/en/members-corner/")
    assert response.status_code == 200
    assert "Members corner" in response.content.decode()


def test_restricted_page_stays_out_of_the_menu(client, client_for, member, members_only_page):
    members_only_page.show_in_menus = True
    members_only_page.save_revision().publish()
    assert "Members corner" not in client.get("/en/").content.decode()
    assert "Members corner" in client_for(member).get("/en/").content.decode()


def test_home_page_shows_listed_organisations_only(client, home_page):
    from partners.factories import OrganisationFactory

    OrganisationFactory(name="Listed Centre", is_listed=True)
    OrganisationFactory(name="Invisible Group", is_listed=False)
    body = client.get("/en/").content.decode()
    assert "Listed Centre" in body
    assert "Invisible Group" not in body


def test_home_page_links_the_live_policy_and_its_annexes(client, home_page):
    from home.factories import AnnexPageFactory, PolicyPageFactory

    policy = PolicyPageFactory(parent=home_page, slug="policy", version_label="2.0")
    AnnexPageFactory(parent=policy, slug="annex-1", title="Complaint handling")
    draft_annex = AnnexPageFactory(parent=policy, slug="annex-2", title="Draft annex", live=False)
    assert not draft_annex.live

    body = client.get("/en/").content.decode()

    assert 'href="/en/policy/"' in body
    assert "Complaint handling" in body
    assert "Draft annex" not in body


def test_home_page_queries_do_not_grow_with_content(client, home_page, django_assert_num_queries):
    from forum.factories import CategoryFactory, make_topic
    from partners.factories import OrganisationFactory

    OrganisationFactory.create_batch(12, is_listed=True)
    category = CategoryFactory()
    for number in range(8):
        make_topic(category, title=f"Topic {number}")
    client.get("/en/")  # warm the site and locale caches
    # Wagtail's routing: site, locale, the home page (3); view restrictions: partners.access's,
    # shared with the chrome (VISITOR_CHROME), and Wagtail's own check of the page's ancestors
    # and their restrictions (2); the sections: the active locale and the policies, its
    # annexes, listed organisations, latest topics (5). The chrome's page tree is kept.
    with django_assert_num_queries(3 + VISITOR_CHROME + 2 + 5):
        assert client.get("/en/").status_code == 200


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("anonymous", {"Public lessons"}),
        ("non_member", {"Public lessons"}),
        ("member", {"Public lessons", "Lessons for members"}),
        ("group_member", {"Public lessons", "Lessons for members", "Working group notes"}),
    ],
)
def test_home_page_latest_discussions_follow_the_audience(
    request, client_for, home_page, working_group, role, sees
):
    from forum.factories import CategoryFactory, make_topic
    from partners.models import Audience

    topics = {
        "Public lessons": CategoryFactory(audience=Audience.PUBLIC),
        "Lessons for members": CategoryFactory(audience=Audience.MEMBERS),
        "Working group notes": CategoryFactory(audience=Audience.GROUPS, groups=[working_group]),
        "Sensitive space": CategoryFactory(audience=Audience.PUBLIC, is_sensitive=True),
    }
    for title, category in topics.items():
        make_topic(category, title=title)

    body = client_for(request.getfixturevalue(role)).get("/en/").content.decode()

    assert {title for title in topics if title in body} == sees
