"""Every URL pattern that takes an id answers 404 for a huge, a negative or a non-numeric value
(no 500 from an integer the database cannot hold). The patterns come from the URL resolver, so
a new app's URLs are covered the day they are added."""

import re

import pytest
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

BAD_VALUES = {
    "huge": "99999999999999999999",
    "negative": "-1",
    "non_numeric": "abc",
}
_ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\((?!\?:)(?:\?P<\w+>)?[^()]*(?:\([^()]*\)[^()]*)*\)")


def _with_values(pattern, value: str) -> str | None:
    """The pattern's text with every parameter set to ``value``; None for a pattern that
    takes none."""
    if isinstance(pattern, LocalePrefixPattern):
        return "en/"
    if isinstance(pattern, RoutePattern):
        return _ROUTE_PARAMETER.sub(value, str(pattern._route))
    assert isinstance(pattern, RegexPattern), pattern
    regex = pattern._regex.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    return _REGEX_GROUP.sub(value, regex).replace("\\", "")


def _takes_parameters(pattern) -> bool:
    if isinstance(pattern, RoutePattern):
        return bool(_ROUTE_PARAMETER.search(str(pattern._route)))
    if isinstance(pattern, RegexPattern):
        return bool(_REGEX_GROUP.search(pattern._regex))
    return False


def patterns_with_ids(resolver=None, prefix=()):
    """(readable route, (url name, [pattern, ...])) for every pattern with a parameter, in
    every include."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        chain = (*prefix, entry.pattern)
        if isinstance(entry, URLResolver):
            yield from patterns_with_ids(entry, chain)
        elif any(_takes_parameters(pattern) for pattern in chain):
            yield "".join(str(pattern) for pattern in chain), (entry.name, chain)


def url_for(chain, value: str) -> str:
    return "/" + "".join(_with_values(pattern, value) for pattern in chain)


PATTERNS = dict(patterns_with_ids())


def test_urls_the_walk_finds_the_patterns_we_know():
    routes = set(PATTERNS)
    for known in (
        "en/partners/members/<int:user_id>/",
        "en/forum/t/<int:pk>/<str:slug>/",
        "admin/pages/<int:page_id>/edit/",
        "^documents/(\\d+)/(.*)$",  # home.views.serve_document
    ):
        assert any(known.replace("<int:", "<id:") in route or known in route for route in routes)
    assert len(routes) > 150


@pytest.fixture
def staff_client(client, superuser):
    """A superuser, past MFA: the one role that reaches every view's object lookup."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(superuser, generate_totp_secret())
    client.force_login(superuser)
    client.raise_request_exception = False
    return client


# allauth's links carry a secret key, not an id: a wrong one gets the "this link is not
# valid" page (partners/templates/account/), which says nothing about any account.
SECRET_LINKS = {
    "account_confirm_email": "This confirmation link has expired or is not valid.",
    "account_reset_password_from_key": "This link no longer works",
}


def _is_same_path(location: str, url: str) -> bool:
    """LocaleMiddleware's /en prefix or CommonMiddleware's trailing slash: the same answer for
    every id, so they tell nothing; the test follows them."""
    return location.rstrip("/") in (url.rstrip("/"), f"/en{url}".rstrip("/"))


def answer(client, method: str, url: str):
    response = getattr(client, method)(url)
    for _ in range(3):
        if response.status_code not in (301, 302) or not _is_same_path(response["Location"], url):
            break
        response = client.get(response["Location"])
    return response


def wrong_answers(client, name, chain) -> list:
    """What the pattern answers for each bad value, where that is not a 404."""
    wrong = []
    for label, value in BAD_VALUES.items():
        url = url_for(chain, value)
        if name in SECRET_LINKS:
            response = answer(client, "get", url)
            if response.status_code != 404 and not (
                response.status_code == 200 and SECRET_LINKS[name] in response.content.decode()
            ):
                wrong.append((label, url, response.status_code))
            continue
        statuses = [answer(client, method, url).status_code for method in ("get", "post")]
        if 404 not in statuses:  # a view for other methods only
            statuses += [answer(client, m, url).status_code for m in ("put", "delete")]
        # 405 (a method the view does not take) says nothing about the id.
        if not (set(statuses) <= {404, 405} and 404 in statuses):
            wrong.append((label, url, statuses))
    return wrong


def test_urls_answer_404_for_out_of_range_ids(staff_client, site):
    """One test over every pattern (one database set-up, not two hundred), listing every
    pattern that answers anything but a 404."""
    wrong = {
        route: answers
        for route, (name, chain) in sorted(PATTERNS.items())
        if (answers := wrong_answers(staff_client, name, chain))
    }
    assert wrong == {}


# --- Routes inside pages (RoutablePageMixin) -------------------------------------------------


@pytest.fixture
def routable_pages(home_page):
    """One live page of every concrete routable page type. A new type fails the test below
    until it is added here."""
    from events.factories import EventIndexPageFactory, EventPageFactory
    from home.factories import AnnexPageFactory, PolicyPageFactory
    from practices.factories import PracticeIndexPageFactory

    policy = PolicyPageFactory(parent=home_page, slug="policy")
    annex = AnnexPageFactory(parent=policy, slug="annex-1")
    events = EventIndexPageFactory(parent=home_page, slug="events")
    event = EventPageFactory(parent=events, slug="event")
    catalogue = PracticeIndexPageFactory(parent=home_page)
    return [policy, annex, events, event, catalogue]


def test_urls_page_routes_answer_404_for_out_of_range_ids(client, routable_pages):
    from django.apps import apps
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Page

    routable = {
        model
        for model in apps.get_models()
        if issubclass(model, RoutablePageMixin) and issubclass(model, Page)
    }
    assert routable == {type(page) for page in routable_pages}
    checked = 0
    for page in routable_pages:
        for entry in page.get_subpage_urls():
            if not _takes_parameters(entry.pattern):
                continue
            for label, value in BAD_VALUES.items():
                url = page.url + _with_values(entry.pattern, value)
                response = client.get(url)
                assert response.status_code == 404, (label, url, response.status_code)
                checked += 1
    assert checked >= 6  # the version route of the policy and of an annex
