"""The catalogue page, the map, the matrix and the exports as a reader gets them: what they
show, that the exports equal the screen, and their exact cost for 500 practices."""

import csv
import io
import json
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from partners.factories import PartnershipFactory
from practices.models import PracticePage

from ..conftest import MEMBER_CHROME, PAGE_SERVING

pytestmark = pytest.mark.django_db


def bulk_practices(index, count, *, themes, principles, regions, partnership=None):
    """``count`` live practices under ``index`` in a handful of queries (treebeard paths
    computed here; each child row inserted raw)."""
    content_type = ContentType.objects.get_for_model(PracticePage)
    now = timezone.now()
    pages = [
        Page(
            title=f"Practice {n:03d}",
            draft_title=f"Practice {n:03d}",
            slug=f"practice-{n}",
            path=Page._get_path(index.path, index.depth + 1, n + 1),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}practice-{n}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=now - timezone.timedelta(days=n),
            last_published_at=now,
            content_type=content_type,
            locale_id=index.locale_id,
            translation_key=uuid.uuid4(),
        )
        for n in range(count)
    ]
    Page.objects.bulk_create(pages)
    Page.objects.filter(pk=index.pk).update(numchild=count)
    codes = ["KE", "UG", "PE", "MX", "NP", "TN", "GT", "PH"]
    for n, page in enumerate(pages):
        PracticePage(
            page_ptr=page,
            **{f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields},
            summary="Documented results.",
            countries=[codes[n % len(codes)]],
            period_start=2015 + n % 8,
            period_end=2016 + n % 8,
            contains_identifying_details=False,
            partnership=partnership,
        ).save_base(raw=True)
    for field, values in (("themes", themes), ("principles", principles), ("regions", regions)):
        through = getattr(PracticePage, field).through
        target = through._meta.get_field(field[:-1]).attname
        through.objects.bulk_create(
            through(practicepage_id=page.pk, **{target: values[n % len(values)].pk})
            for n, page in enumerate(pages)
        )
    return pages


def test_catalogue_page_shows_facets_and_results(client, catalogue_page, make_practice, themes):
    make_practice(title="Court companions", themes=[themes["legal-aid"]], countries=["KE"])
    make_practice(title="Listening circles", themes=[themes["psychosocial-support"]])
    response = client.get(catalogue_page.url + "?theme=legal-aid")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Court companions" in html
    assert "Listening circles" not in html
    assert 'href="?theme=legal-aid&amp;theme=psychosocial-support"' in html
    assert "Kenya" in html
    assert "Clear all filters" in html
    assert '<a href="#filters">Filters</a>' in html  # small screens list the results first


def test_export_equals_the_screen(client, catalogue_page, make_practice, themes, member):
    make_practice(title="One", themes=[themes["legal-aid"]])
    make_practice(title="Two", themes=[themes["legal-aid"], themes["advocacy"]])
    make_practice(title="Three", themes=[themes["advocacy"]])
    hidden = make_practice(title="Members only", themes=[themes["legal-aid"]])
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    query = "?theme=legal-aid&sort=title"

    page = client.get(catalogue_page.url + query).content.decode()
    shown = [t for t in ("Members only", "One", "Three", "Two") if t in page]
    data = json.loads(client.get(catalogue_page.url + "export/json/" + query).content)
    assert [p["title"] for p in data["practices"]] == shown == ["One", "Two"]
    assert data["filter_url"] == "http://testserver" + catalogue_page.url + query
    assert data["count"] == 2 and data["generated_at"]
    rows = list(
        csv.reader(
            io.StringIO(client.get(catalogue_page.url + "export/csv/" + query).content.decode())
        )
    )
    assert rows[0] == ["Catalogue address", "http://testserver" + catalogue_page.url + query]
    assert [row[0] for row in rows[5:]] == ["One", "Two"]

    client.force_login(member)
    data = json.loads(client.get(catalogue_page.url + "export/json/" + query).content)
    assert [p["title"] for p in data["practices"]] == ["Members only", "One", "Two"]


def test_map_and_matrix_link_to_filters(client, catalogue_page, make_practice, themes, principles):
    make_practice(
        title="One",
        themes=[themes["legal-aid"]],
        principles=[principles["mutuality-and-respect"]],
        countries=["KE", "UG"],
    )
    html = client.get(catalogue_page.url + "map/?theme=legal-aid").content.decode()
    assert 'href="?theme=legal-aid&amp;country=KE"' in html
    assert "<svg" in html and "https://" not in html.split("<svg")[1].split("</svg>")[0]
    assert "<caption>Practices by country</caption>" in html
    html = client.get(catalogue_page.url + "matrix/").content.decode()
    assert (
        'href="?theme=legal-aid&amp;principle=mutuality-and-respect" rel="nofollow">1</a>' in html
    )


def test_catalogue_map_matrix_and_export_cost_fixed_queries_for_500_practices(
    client, catalogue_page, themes, principles, regions, member, django_assert_num_queries
):
    bulk_practices(
        catalogue_page,
        500,
        themes=list(themes.values()),
        principles=list(principles.values()),
        regions=list(regions.values()),
        partnership=PartnershipFactory(),
    )
    client.force_login(member)
    url = catalogue_page.url
    client.get(url)  # warm the chrome's caches
    # The catalogue (its translations and every practice's facet values are kept with the
    # chrome): the practices this reader may see (1), the taxonomies in the reader's language
    # (3), the shown page of practices with their partnerships' texts and groups (3).
    catalogue = 1 + 3 + 3
    # With one theme and one region chosen, a member sees follow buttons: their follows (1).
    with django_assert_num_queries(PAGE_SERVING + MEMBER_CHROME + catalogue + 1):
        response = client.get(url + "?theme=legal-aid&region=africa&page=2")
    assert response.status_code == 200
    # The map and the matrix: the same without the shown practices.
    with django_assert_num_queries(PAGE_SERVING + MEMBER_CHROME + catalogue - 3):
        assert client.get(url + "map/?theme=legal-aid").status_code == 200
    with django_assert_num_queries(PAGE_SERVING + MEMBER_CHROME + catalogue - 3):
        assert client.get(url + "matrix/?region=africa").status_code == 200
    # The export: every result with its page (not paginated); no chrome, so no bell.
    with django_assert_num_queries(PAGE_SERVING + MEMBER_CHROME - 1 + catalogue):
        data = json.loads(client.get(url + "export/json/?country=KE").content)
    assert data["count"] == 63


def test_feed_carries_new_public_practices_only(
    client, catalogue_page, make_practice, themes, regions
):
    make_practice(title="Public one", themes=[themes["legal-aid"]], regions=[regions["africa"]])
    make_practice(title="Other theme", themes=[themes["advocacy"]])
    hidden = make_practice(title="Members only", themes=[themes["legal-aid"]])
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    feed = client.get(catalogue_page.url + "feed/").content.decode()
    assert "Public one" in feed and "Other theme" in feed and "Members only" not in feed
    assert '<summary type="text">' in feed
    feed = client.get(catalogue_page.url + "feed/?theme=legal-aid").content.decode()
    assert "Public one" in feed and "Other theme" not in feed
    feed = client.get(catalogue_page.url + "feed/?region=africa").content.decode()
    assert "Public one" in feed and "Other theme" not in feed


def test_home_section_and_menu(client, catalogue_page, make_practice, member):
    make_practice(title="Seen by all")
    hidden = make_practice(title="Members only")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/en/").content.decode()
    assert "Latest practices" in html and "Seen by all" in html
    assert "Members only" not in html
    assert catalogue_page.url + "?phase=phased-out" in html
    assert f'href="{catalogue_page.url}"' in html  # the menu
    client.force_login(member)
    html = client.get("/en/").content.decode()
    assert "Members only" in html and "/en/my-practices/" in html


def test_practice_page_shows_contact_to_members_only(client, make_practice, member, themes):
    page = make_practice(title="With contact", contact="Write to the programme team.")
    assert "Write to the programme team." not in client.get(page.url).content.decode()
    assert "How to cite" in client.get(page.url).content.decode()
    client.force_login(member)
    assert "Write to the programme team." in client.get(page.url).content.decode()


def test_kept_facet_values_never_show_a_practice_the_reader_may_not_see(
    client, catalogue_page, themes, principles, regions, member
):
    # The facet values of every practice are kept between requests for all readers alike;
    # who sees which practice is asked of partners.access on each request, so a restriction
    # added without any page event (no new generation) applies at once, and a member's
    # visit in between leaves nothing for the next visitor.
    bulk_practices(
        catalogue_page,
        3,
        themes=list(themes.values()),
        principles=list(principles.values()),
        regions=list(regions.values()),
    )
    url = catalogue_page.url
    assert "Practice 001" in client.get(url).content.decode()
    PageViewRestriction.objects.create(
        page=Page.objects.get(slug="practice-1"), restriction_type=PageViewRestriction.LOGIN
    )
    client.force_login(member)
    html = client.get(url).content.decode()
    assert "Practice 001" in html and "3 practices" in html
    client.logout()
    html = client.get(url).content.decode()
    assert "Practice 001" not in html and "Practice 002" in html
    assert "2 practices" in html
