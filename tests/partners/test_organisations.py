"""The public organisation list: listed organisations only, descriptions in the reader's
language."""

import pytest

from partners.factories import OrganisationFactory
from partners.models import OrganisationDescription

from ..conftest import VISITOR_CHROME

pytestmark = pytest.mark.django_db

URL = "partners/organisations/"


def test_only_listed_organisations_appear(client):
    OrganisationFactory(name="Listed Centre", is_listed=True)
    OrganisationFactory(name="Invisible Partner", is_listed=False)

    page = client.get(f"/en/{URL}").content.decode()

    assert "Listed Centre" in page
    assert "Invisible Partner" not in page


def test_unlisted_organisations_stay_hidden_from_members_too(client_for, member):
    OrganisationFactory(name="Invisible Partner", is_listed=False)

    page = client_for(member).get(f"/en/{URL}").content.decode()

    assert "Invisible Partner" not in page


def test_description_follows_the_language_with_english_fallback(client):
    organisation = OrganisationFactory(
        name="Centre", is_listed=True, description="Rehabilitation of survivors."
    )
    OrganisationDescription.objects.create(
        organisation=organisation, language_code="fr", description="Réhabilitation des victimes."
    )

    assert "Réhabilitation des victimes." in client.get(f"/fr/{URL}").content.decode()
    assert "Rehabilitation of survivors." in client.get(f"/en/{URL}").content.decode()
    assert "Rehabilitation of survivors." in client.get(f"/ar/{URL}").content.decode()


def test_region_filter(client):
    OrganisationFactory(name="Nairobi Centre", region="africa", is_listed=True)
    OrganisationFactory(name="Lima Network", region="americas", is_listed=True)

    page = client.get(f"/en/{URL}", {"region": "americas"}).content.decode()

    assert "Lima Network" in page
    assert "Nairobi Centre" not in page


def test_list_queries_do_not_grow_with_organisations(client, django_assert_num_queries):
    def add(count):
        for organisation in OrganisationFactory.create_batch(count, is_listed=True):
            OrganisationDescription.objects.create(
                organisation=organisation, language_code="es", description="Descripción"
            )

    add(2)
    client.get(f"/es/{URL}")
    # VISITOR_CHROME (tests/conftest.py), plus: the count, the organisations, their
    # descriptions.
    with django_assert_num_queries(VISITOR_CHROME + 3) as few:
        client.get(f"/es/{URL}")
    add(20)
    with django_assert_num_queries(len(few)):
        response = client.get(f"/es/{URL}")
    assert response.content.decode().count("Descripción") == 22


def test_organisation_list_pages_keep_the_region(client, db, monkeypatch, home_page):
    """Long listings link first, previous, the numbers around this page, next and last; each
    link keeps the chosen region."""
    from partners.views import OrganisationListView

    monkeypatch.setattr(OrganisationListView, "paginate_by", 2)
    for _ in range(9):
        OrganisationFactory(region="africa", is_listed=True)
    OrganisationFactory(region="americas", is_listed=True)
    html = client.get("/en/partners/organisations/?region=africa&page=3").content.decode()
    assert 'href="?region=africa&amp;page=1">First</a>' in html
    assert 'href="?region=africa&amp;page=5">Last</a>' in html
    assert 'href="?region=africa&amp;page=2" rel="prev"' in html
    assert 'aria-current="page"' in html
