import pytest

from practices.factories import PracticeIndexPageFactory, PracticePageFactory
from practices.models import Principle, Region, Theme


@pytest.fixture
def catalogue_page(home_page):
    return PracticeIndexPageFactory(parent=home_page)


@pytest.fixture
def themes(db):
    """The standard themes, seeded by the data migration: {slug: Theme}."""
    return {theme.slug: theme for theme in Theme.objects.filter(locale__language_code="en")}


@pytest.fixture
def principles(db):
    return {p.slug: p for p in Principle.objects.filter(locale__language_code="en")}


@pytest.fixture
def regions(db):
    return {r.slug: r for r in Region.objects.filter(locale__language_code="en")}


@pytest.fixture
def make_practice(catalogue_page):
    def make(**kwargs):
        kwargs.setdefault("parent", catalogue_page)
        return PracticePageFactory(**kwargs)

    return make


@pytest.fixture
def superuser_client(client, superuser):
    """Staff must have MFA enrolled before the site lets them through (partners.middleware)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(superuser, generate_totp_secret())
    client.force_login(superuser)
    return client
