"""Trends for the annual workshop: organisers only; a cell only where at least five
partnerships contributed, under every filter and every pair of filtered views; the chart
(SVG, right-to-left in Arabic), its table, and the CSV and SVG downloads."""

import itertools

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from dialogue import trends
from dialogue.factories import DialogueFactory, ReflectionFactory
from dialogue.models import Principle
from partners.factories import MembershipFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

MUTUALITY = Principle.MUTUALITY_RESPECT


def make_partnership(*, modality="strategic", regions=("africa",), year=2025, ratings=None,
                     state="submitted"):  # fmt: skip
    """A partnership with one submitted dialogue: ``ratings`` {side: rating} on mutuality."""
    organisations = [OrganisationFactory(region=region) for region in regions]
    partnership = PartnershipFactory(modality=modality, organisations=organisations)
    partnership.save()
    dialogue = DialogueFactory(partnership=partnership, year=year, state=state)
    for side, rating in (ratings or {"partner": 3, "organisation": 3}).items():
        ReflectionFactory(
            dialogue=dialogue,
            side=side,
            principle=MUTUALITY,
            rating=rating,
            submitted_at=timezone.now(),
        )
    return partnership


@pytest.fixture
def organiser(db):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = MembershipFactory(user__username="organiser").user
    user.groups.add(Group.objects.get_or_create(name="Event organisers")[0])
    TOTP.activate(user, generate_totp_secret())  # staff pass the second factor first
    return user


def cell(data, principle=MUTUALITY, year=2025):
    row = next(r for r in data.rows if r["principle"] == principle)
    return row["cells"][data.years.index(year)]


def test_trends_are_for_workshop_organisers_only(
    client, client_for, organiser, member, non_member, moderator, editor
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    pages = [reverse("trends:trends"), reverse("trends:csv"), reverse("trends:svg")]
    for address in pages:
        assert client.get(address).status_code == 404, address
    for user in (member, non_member, moderator, editor):
        if user in (moderator, editor):
            TOTP.activate(user, generate_totp_secret())
        signed_in = client_for(user)
        for address in pages:
            assert signed_in.get(address).status_code == 404, (user, address)
        signed_in.logout()
    signed_in = client_for(organiser)
    for address in pages:
        assert signed_in.get(address).status_code == 200, address


def test_trends_cell_needs_five_partnerships():
    for rating in (4, 4, 3, 3):
        make_partnership(ratings={"partner": rating, "organisation": rating})
    assert cell(trends.trends()).suppressed
    make_partnership(ratings={"partner": 1, "organisation": 1})
    shown = cell(trends.trends())
    assert shown.mean == 3.0 and shown.partnerships == 5


def test_trends_leave_out_drafts_and_open_dialogues():
    for _n in range(5):
        make_partnership()
    make_partnership(state="open", ratings={"partner": 1})  # one side only: not yet shared
    partnership = make_partnership()
    partnership.dialogues.get().reflections.update(rating=None)  # not rated: not counted
    shown = cell(trends.trends())
    assert shown.mean == 3.0 and shown.partnerships == 5


def test_trends_filter_cannot_single_out_a_small_group():
    """Six strategic partnerships and one pilot: the unfiltered cell would differ from the
    strategic one by the pilot alone, so it is hidden; the pilot cell is too few."""
    for _n in range(6):
        make_partnership(modality="strategic")
    make_partnership(modality="pilot", ratings={"partner": 1, "organisation": 1})
    assert cell(trends.trends()).suppressed
    assert cell(trends.trends({"modality": "strategic"})).mean == 3.0
    assert cell(trends.trends({"modality": "pilot"})).suppressed


def _views():
    """Every combination of the offered filters."""
    options = trends.filter_options()
    names = trends.FILTERS
    for values in itertools.product(*(options[name] for name in names)):
        yield {name: value for name, (value, _label) in zip(names, values, strict=True) if value}


def test_trends_no_view_or_pair_of_views_reveals_under_five():
    """Brute force over every view and every pair of views: the reflections behind each shown
    cell, and behind the difference of any two shown cells, come from at least five
    partnerships (or none). Ground truth is computed here, not by the module."""
    from dialogue.models import Reflection

    for _n in range(5):
        make_partnership(modality="strategic", regions=("africa",))
    for _n in range(5):
        make_partnership(modality="strategic", regions=("americas",))
    make_partnership(modality="pilot", regions=("africa",), ratings={"partner": 1})
    make_partnership(modality="strategic", regions=("africa", "mena"))  # several regions
    make_partnership(modality="strategic", regions=("africa",), ratings={"organisation": 2})

    reflections = list(
        Reflection.objects.values_list(
            "pk", "side", "dialogue__partnership_id", "dialogue__partnership__modality"
        )
    )
    regions = trends._regions()

    def behind(view) -> frozenset:
        return frozenset(
            (pk, partnership)
            for pk, side, partnership, modality in reflections
            if all(
                {"side": side, "modality": modality, "region": regions[partnership]}[name] == value
                for name, value in view.items()
            )
        )

    shown = []
    for view in _views():
        if cell(trends.trends(view)).mean is not None:
            shown.append(behind(view))
    assert shown, "some views must show the cell, or the test proves nothing"
    for rows in shown:
        assert len({partnership for _pk, partnership in rows}) >= trends.MIN_PARTNERSHIPS
    for first, second in itertools.combinations(shown, 2):
        for difference in (first - second, second - first):
            partnerships = {partnership for _pk, partnership in difference}
            assert not partnerships or len(partnerships) >= trends.MIN_PARTNERSHIPS


def test_trends_page_chart_table_and_downloads(client_for, organiser):
    for _n in range(5):
        make_partnership()
    make_partnership(year=2026)
    client = client_for(organiser)
    html = client.get(reverse("trends:trends")).content.decode()
    assert "<svg" in html and "<table" in html and "too few to show" in html
    assert "3.0" in html and "(5 partnerships)" in html
    csv_text = client.get(reverse("trends:csv")).content.decode()
    assert "Mutuality and respect,2025,3.0,5" in csv_text
    assert "Mutuality and respect,2026,too few to show," in csv_text
    svg = client.get(reverse("trends:svg"))
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert svg["Content-Disposition"].startswith("attachment")
    assert svg.content.decode().startswith('<?xml version="1.0"')
    filtered = client.get(reverse("trends:csv"), {"modality": "pilot"}).content.decode()
    assert "3.0" not in filtered


def test_trends_chart_runs_right_to_left_in_arabic():
    for _n in range(5):
        make_partnership(year=2024)
    for _n in range(5):
        make_partnership(year=2025)
    data = trends.trends()
    ltr = trends.chart(data, rtl=False)
    rtl = trends.chart(data, rtl=True)
    assert ltr["years"][0]["x"] < ltr["years"][1]["x"]
    assert rtl["years"][0]["x"] > rtl["years"][1]["x"]  # the first year on the right
    assert rtl["axis_x"] > ltr["axis_x"]


def test_trends_page_queries(client_for, organiser, django_assert_num_queries):
    for _n in range(5):
        make_partnership()
    client = client_for(organiser)
    client.get(reverse("trends:trends"))  # warm the chrome's caches
    # User, the organiser's groups, MFA authenticator (staff must have one), the reflections,
    # the partnerships' regions; the page chrome: the bell's unread count (the view
    # restrictions the menu is filtered by are kept). The same six for 5 partnerships or 500.
    with django_assert_num_queries(6):
        client.get(reverse("trends:trends"))


def test_trends_svg_coordinates_are_not_localised(client_for, organiser):
    """Arabic writes decimals with a comma: the SVG's numbers must stay plain."""
    import re

    from django.utils import translation

    for _n in range(5):
        make_partnership()
    with translation.override("ar"):
        address = reverse("trends:svg")
    svg = client_for(organiser).get(address).content.decode()
    numbers = re.findall(r' (?:x|y|x1|x2|y1|y2|cx|cy|r)="([^"]*)"', svg)
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in numbers), numbers
