"""The XSS corpus (tests/security/xss_vectors.py) through every field that renders user text,
posted through the real views and checked by parsing what comes back.

A page is inert when, compared with the same page showing harmless text: it has no more
script, frame, object, form, SVG, MathML or other active elements; every script is one the
baseline has (or JSON data); no element anywhere has an ``on…`` attribute or a style with
``expression`` or ``url(``; and no ``href``/``src``/``action``/``formaction`` (or other URL
attribute) leads to ``javascript:``, ``vbscript:`` or ``data:text/html``, read as a browser
reads it (entities decoded, tabs and line breaks dropped, surrounding controls trimmed).
Atom feeds are parsed as XML: user text stays text.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail

from forum.factories import CategoryFactory, make_topic
from forum.models import NotificationPreference, Subscription, Topic
from forum.services import set_subscription
from partners.factories import MembershipFactory
from partners.models import Audience, Membership

from .xss_vectors import ONE_LINE, VECTORS

pytestmark = pytest.mark.django_db

ACTIVE = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
    "form", "input", "button", "textarea", "select", "keygen", "isindex", "base", "link",
    "meta", "style", "video", "audio", "source", "details", "marquee", "template",
    "noscript", "xmp", "plaintext", "animate", "set", "foreignobject",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "background", "dynsrc", "lowsrc",
    "data", "poster", "srcdoc", "to", "values", "content",
}  # fmt: skip
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")
REMOTE = ("http:", "https:", "//", "\\\\", "/\\", "\\/")
_C0_OR_SPACE = "".join(chr(code) for code in range(0x21))


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name.lower(): value or "" for name, value in attrs}
        self.elements.append((tag.lower(), attributes))
        if tag.lower() == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._script is not None and self.scripts:
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)

    def handle_endtag(self, tag):
        if tag.lower() == "script":
            self._script = None


def parse(html: str) -> Elements:
    elements = Elements()
    elements.feed(html)
    elements.close()
    return elements


def as_browser_reads(url: str) -> str:
    """A URL attribute as a browser's URL parser sees its scheme."""
    url = re.sub(r"[\t\n\r]", "", url).strip(_C0_OR_SPACE)
    return url.lower()


def _script_key(attributes: dict, text: str) -> tuple:
    return (attributes.get("src", ""), attributes.get("type", ""), text.strip())


# What a listing repeats per row (a post's reaction buttons, an admin row's icons): a longer
# listing has more of them. Listings are checked for everything else; the text in them is
# also checked on its own page against a baseline that counts these too.
PER_ROW = {"form", "input", "button", "svg", "select", "textarea", "details"}


class Baseline:
    """What a page of one kind holds when it shows harmless text (``rows``: a listing whose
    length varies)."""

    def __init__(self, html: str, *, rows: bool = False):
        self.ignored = PER_ROW if rows else set()
        page = parse(html)
        self.active = Counter(tag for tag, _ in page.elements if tag in ACTIVE)
        self.scripts = {_script_key(a, t) for a, t in page.scripts}


def problems(html: str, baseline: Baseline) -> list[str]:
    page = parse(html)
    found = []
    active = Counter(tag for tag, _ in page.elements if tag in ACTIVE)
    for tag, count in active.items():
        if count > baseline.active[tag] and tag not in baseline.ignored:
            found.append(f"<{tag}> ×{count} (harmless text: {baseline.active[tag]})")
    for attributes, text in page.scripts:
        kind = attributes.get("type", "")
        if kind == "application/json":
            try:
                json.loads(text)
            except ValueError:
                found.append(f"JSON script broken: {text[:80]!r}")
        elif _script_key(attributes, text) not in baseline.scripts:
            found.append(f"a script the page does not have: {attributes} {text[:80]!r}")
    for tag, attributes in page.elements:
        for name, value in attributes.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}=…>")
            if name == "style":
                squeezed = re.sub(r"\s|/\*.*?\*/", "", value.lower())
                if "expression" in squeezed or "url(" in squeezed or "behavior" in squeezed:
                    found.append(f"<{tag} style={value!r}>")
            if tag == "img" and name == "src" and as_browser_reads(value).startswith(REMOTE):
                found.append(f"<img src={value!r}> (a remote image tells its host who reads)")
            if name in URL_ATTRIBUTES:
                read = as_browser_reads(value)
                if name == "content":
                    read = read.split("url=", 1)[-1] if "url=" in read else ""
                if read.startswith(DANGEROUS_SCHEMES):
                    found.append(f"<{tag} {name}={value!r}>")
    return found


def assert_inert(html: str, baseline: Baseline, what: str):
    found = problems(html, baseline)
    assert found == [], f"{what}: {found}"


def assert_atom_is_text(xml: bytes, what: str):
    """Feeds parsed as a reader parses them: titles and summaries are text, never markup."""
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(xml)  # noqa: S314 - our own feed
    entries = root.findall(f"{atom}entry")
    assert entries, what
    for entry in entries:
        for name in ("title", "summary", "content"):
            for element in entry.findall(f"{atom}{name}"):
                assert element.get("type", "text") == "text", (what, name, element.get("type"))
                assert list(element) == [], (what, name)


# --- Fixtures ------------------------------------------------------------------------------


@pytest.fixture
def fast(settings):
    """Rate limits off: hundreds of posts come from one account."""
    settings.FORUM_NEW_MEMBER_POSTS_PER_HOUR = 100_000
    settings.FORUM_UPLOAD_REQUESTS_PER_HOUR = 100_000


@pytest.fixture
def category(site):
    return CategoryFactory(name="Open", slug="open", audience=Audience.PUBLIC)


@pytest.fixture
def writer(db):
    user = MembershipFactory(user__username="writer", role=Membership.Role.ADMIN).user
    user.profile.display_name = "writer"
    user.profile.save()
    return user


@pytest.fixture
def reader(db):
    """A member who watches everything and wants every notification by mail at once."""
    user = MembershipFactory(user__username="reader").user
    NotificationPreference.objects.create(user=user, email=NotificationPreference.Email.IMMEDIATE)
    return user


@pytest.fixture
def staff(moderator, editor):
    for user in (moderator, editor):
        TOTP.activate(user, generate_totp_secret())
    return {"moderator": moderator, "editor": editor}


def _client(django_client_class, user=None):
    client = django_client_class()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def clients(writer, reader, staff):
    from django.test import Client

    return {
        "writer": _client(Client, writer),
        "reader": _client(Client, reader),
        "visitor": _client(Client),
        **{role: _client(Client, user) for role, user in staff.items()},
    }


def _follow(response, client):
    """A saved form redirects to what it saved; a refused one shows the form again (which
    echoes the input: that page must be inert too)."""
    if response.status_code == 302:
        return client.get(response["Location"])
    return response


# --- The tests ------------------------------------------------------------------------------


def test_xss_corpus_is_large_and_varied():
    assert len(VECTORS) >= 100
    assert any("\u200b" in v and "javascript" in v for v in VECTORS)
    assert any("&#x6A;avascript" in v for v in VECTORS)
    assert any(v.startswith("<javascript:") for v in VECTORS)
    assert any("]: javascript:" in v for v in VECTORS)


def test_xss_checker_catches_what_it_looks_for():
    """The checker itself fails on each kind of live markup it is meant to find."""
    baseline = Baseline("<p>harmless</p>")
    for live in (
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="&#x6A;avascript:alert(1)">x</a>',
        '<a href="java\tscript:alert(1)">x</a>',
        '<a href=" vbscript:x">x</a>',
        '<iframe src="data:text/html,x"></iframe>',
        '<div style="width: expression(alert(1))">x</div>',
        '<div style="background: url(x)">x</div>',
        "<svg></svg>",
        "<math></math>",
        "<form></form>",
        '<button formaction="javascript:alert(1)">x</button>',
        '<img src="https://evil.example/pixel.png">',
        '<img src="//evil.example/pixel.png">',
    ):
        assert problems(live, baseline), live
    assert (
        problems("<p>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:x)</p>", baseline) == []
    )


def test_xss_topics_titles_bodies_tags_feeds_and_mail(fast, clients, category, reader, site):
    """New topics through the posting form: title, text and tags on the topic page, in the
    category and index listings, the public and private Atom feeds, search and mail."""
    set_subscription(reader, level=Subscription.Level.WATCH, category=category)
    writer = clients["writer"]
    harmless = _follow(
        writer.post(
            f"/en/forum/c/{category.slug}/new/",
            {"title": "Harmless", "markdown": "Harmless.", "language": "en", "tags": "a"},
        ),
        writer,
    )
    topic_page = Baseline(harmless.content.decode())
    mail.outbox = []
    for vector in VECTORS:
        response = writer.post(
            f"/en/forum/c/{category.slug}/new/",
            {
                "title": vector if vector in ONE_LINE else "multi-line",
                "markdown": vector,
                "language": "en",
                "tags": vector if vector in ONE_LINE else "",
            },
        )
        assert_inert(_follow(response, writer).content.decode(), topic_page, repr(vector))
    assert Topic.objects.count() > len(VECTORS) / 2

    listings = {"/en/forum/": None, f"/en/forum/c/{category.slug}/": None}
    for path in listings:
        for page in range(1, len(VECTORS) // 30 + 2):
            html = writer.get(path, {"page": page}).content.decode()
            assert_inert(html, topic_page, f"{path}?page={page}")
    for query in ("alert", "script", "javascript"):
        html = writer.get("/en/forum/search/", {"q": query}).content.decode()
        assert_inert(html, topic_page, f"search {query}")
    assert_atom_is_text(clients["visitor"].get("/en/forum/feeds/latest/").content, "latest")
    assert_atom_is_text(
        clients["visitor"].get(f"/en/forum/feeds/c/{category.slug}/").content, "category feed"
    )
    from forum.services import create_feed_token

    token = create_feed_token(reader)
    assert_atom_is_text(
        clients["visitor"].get(f"/en/forum/feeds/private/{token}/").content, "private"
    )
    assert_inert(
        clients["reader"].get("/en/partners/notifications/").content.decode(),
        topic_page,
        "notifications",
    )
    assert len(mail.outbox) > len(VECTORS) / 2
    mail_baseline = Baseline("")
    for message in mail.outbox:
        for html, _type in message.alternatives:
            assert_inert(html, mail_baseline, f"mail {message.subject!r}")


def test_xss_profile_fields(clients, writer, reader, site):
    """Display name, real name, languages and bio: the account form, the profile as others
    see it, the directory, and the name as a byline."""
    writer_client, reader_client = clients["writer"], clients["reader"]
    profile_url = f"/en/partners/members/{writer.pk}/"
    account = Baseline(writer_client.get("/en/partners/account/").content.decode())
    profile = Baseline(reader_client.get(profile_url).content.decode())
    directory = Baseline(reader_client.get("/en/partners/members/").content.decode())
    for index, vector in enumerate(ONE_LINE):
        response = writer_client.post(
            "/en/partners/account/",
            {
                "display_name": f"{vector[:50]}{index}",
                "real_name": vector,
                "languages": vector[:200],
                "language": "en",
                "bio": vector,
                "show_real_name": "on",
                "show_organisation": "on",
                "allow_contact": "on",
            },
        )
        assert_inert(_follow(response, writer_client).content.decode(), account, repr(vector))
        assert_inert(reader_client.get(profile_url).content.decode(), profile, repr(vector))
        assert_inert(
            reader_client.get("/en/partners/members/").content.decode(), directory, repr(vector)
        )


def test_xss_organisation_description(clients, writer, site):
    """An organisation admin's profile form: short name, website and description on the
    manage page and the public organisation list."""
    organisation = writer.memberships.get().organisation
    organisation.is_listed = True
    organisation.save()
    manage_url = f"/en/partners/organisations/{organisation.pk}/manage/"
    client = clients["writer"]
    manage = Baseline(client.get(manage_url).content.decode())
    listing = Baseline(clients["visitor"].get("/en/partners/organisations/").content.decode())
    for vector in VECTORS:
        response = client.post(
            manage_url,
            {
                "organisation-description": "1",
                "short_name": vector[:40],
                "website": vector,
                "description": vector[:1000],
            },
        )
        assert_inert(_follow(response, client).content.decode(), manage, repr(vector))
        html = clients["visitor"].get("/en/partners/organisations/").content.decode()
        assert_inert(html, listing, repr(vector))


def test_xss_mention_suggestions_are_json(clients, category, writer, reader, site):
    """Display names come back as JSON data, never as markup."""
    topic = make_topic(category, writer, title="Harmless", markdown="Harmless.")
    for index, vector in enumerate(ONE_LINE[:40]):
        reader.profile.display_name = f"{vector[:50]}{index}"
        reader.profile.save()
        response = clients["writer"].get(
            "/en/forum/mentions/", {"topic": topic.pk, "q": vector[:3]}
        )
        assert response["Content-Type"] == "application/json"
        json.loads(response.content)
