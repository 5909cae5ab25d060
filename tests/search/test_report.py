"""The editors' query report in Wagtail's admin: counts per query, for editors only."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group

from partners.factories import UserFactory
from search.models import QueryStat

pytestmark = pytest.mark.django_db

URL = "/admin/reports/site-search/"


@pytest.fixture
def stats(db):
    QueryStat.objects.create(query="prisons", searches=7, without_results=0)
    QueryStat.objects.create(query="zzz unknown", searches=2, without_results=2)


def test_report_lists_frequent_and_empty_queries_for_editors(client, editor, stats):
    TOTP.activate(editor, generate_totp_secret())
    client.force_login(editor)
    body = client.get(URL).content.decode()
    assert "prisons" in body and "zzz unknown" in body
    assert body.index("prisons") < body.index("zzz unknown")  # most searched first
    empty = client.get(URL, {"empty": "1"}).content.decode()
    assert "zzz unknown" in empty and "prisons" not in empty


def test_report_refused_to_other_staff(client, stats):
    user = UserFactory(username="organiser")
    user.groups.add(Group.objects.get_or_create(name="Event organisers")[0])
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "prisons" not in response.content.decode()
