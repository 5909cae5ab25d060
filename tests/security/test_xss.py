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
from django.core.cache import cache

from forum.factories import CategoryFactory, make_topic
from forum.models import NotificationPreference, Post, Subscription, Topic
from forum.services import set_subscription
from home.factories import PolicyPageFactory
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
    settings.FORUM_NEW_MEMBER_POSTS_PER_DAY = 100_000
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
    # The site search (the forum's box asks it), against its own page with a harmless query.
    search_page = Baseline(writer.get("/en/search/", {"q": "harmless"}).content.decode(), rows=True)
    for query in ("alert", "script", "javascript"):
        html = writer.get("/en/search/", {"q": query}).content.decode()
        assert_inert(html, search_page, f"search {query}")
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


def test_xss_replies_edits_history_and_quotes(fast, clients, category, writer, site):
    """Replies through the reply form, then each edited (title, text and reason), its history
    read by a moderator, and each quoted into the reply form."""
    topic = make_topic(category, writer, title="Harmless", markdown="Harmless.")
    writer_client = clients["writer"]
    topic_page = Baseline(writer_client.get(topic.get_absolute_url()).content.decode(), rows=True)
    for vector in VECTORS:
        response = writer_client.post(
            f"/en/forum/t/{topic.pk}/reply/", {"markdown": vector, "language": "en"}
        )
        # Django's form fields refuse text with a NUL character (the form comes back).
        assert response.status_code == (400 if "\x00" in vector else 302), vector
        if response.status_code == 400:
            assert_inert(response.content.decode(), topic_page, repr(vector))
    for page in range(1, len(VECTORS) // 20 + 2):
        html = writer_client.get(topic.get_absolute_url(), {"page": page}).content.decode()
        assert_inert(html, topic_page, f"topic page {page}")
    # Raw HTML is shown as text, not dropped silently: the reader sees what was written.
    first_page = writer_client.get(topic.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in first_page

    first = topic.first_post
    history = Baseline(
        clients["moderator"].get(f"/en/forum/post/{first.pk}/history/").content.decode()
    )
    reply_form = Baseline(
        writer_client.get(f"/en/forum/t/{topic.pk}/reply/", {"quote": first.pk}).content.decode()
    )
    posts = list(Post.objects.filter(topic=topic, position__gt=1).order_by("position"))
    for post, vector in zip(posts, [v for v in reversed(VECTORS) if "\x00" not in v], strict=True):
        title = vector if vector in ONE_LINE else "multi-line"
        response = writer_client.post(
            f"/en/forum/post/{post.pk}/edit/",
            {"markdown": f"{vector}\n\nedited", "language": "en", "reason": title},
        )
        assert_inert(_follow(response, writer_client).content.decode(), topic_page, repr(vector))
        html = clients["moderator"].get(f"/en/forum/post/{post.pk}/history/").content.decode()
        assert_inert(html, history, f"history of {vector!r}")
        html = writer_client.get(
            f"/en/forum/t/{topic.pk}/reply/", {"quote": post.pk}
        ).content.decode()
        assert_inert(html, reply_form, f"quoting {vector!r}")
    # The first post carries the title: edited with each one-line vector.
    for vector in ONE_LINE:
        response = writer_client.post(
            f"/en/forum/post/{first.pk}/edit/",
            {"title": vector, "markdown": vector, "language": "en"},
        )
        assert_inert(_follow(response, writer_client).content.decode(), topic_page, repr(vector))


def test_xss_reports_and_moderation_reasons(fast, clients, category, writer, staff, site):
    """Report details in the moderation queue; hide/restore reasons in the moderation log
    (the forum's and the admin's)."""
    topic = make_topic(category, writer, title="Harmless", markdown="Harmless.")
    post = topic.first_post
    moderator = clients["moderator"]
    # One open report per person and post: each vector below replaces this one's details.
    clients["writer"].post(
        f"/en/forum/post/{post.pk}/report/", {"reason": "other", "details": "Harmless."}
    )
    queue = Baseline(moderator.get("/en/forum/moderation/").content.decode())
    log = Baseline(moderator.get("/en/forum/moderation/log/").content.decode(), rows=True)
    admin_log = Baseline(
        moderator.get("/admin/snippets/forum/moderationaction/").content.decode(), rows=True
    )
    for vector in VECTORS:
        response = clients["writer"].post(
            f"/en/forum/post/{post.pk}/report/", {"reason": "other", "details": vector}
        )
        assert response.status_code in (200, 302) or "\x00" in vector, vector
        assert_inert(moderator.get("/en/forum/moderation/").content.decode(), queue, repr(vector))
    for vector in ONE_LINE:
        response = moderator.post(
            f"/en/forum/moderation/post/{post.pk}/", {"action": "hide", "reason": vector}
        )
        assert response.status_code in (200, 302) or "\x00" in vector, vector
    for page in range(1, len(ONE_LINE) // 20 + 2):
        html = moderator.get("/en/forum/moderation/log/", {"page": page}).content.decode()
        assert_inert(html, log, f"moderation log page {page}")
        html = moderator.get(
            "/admin/snippets/forum/moderationaction/", {"p": page}
        ).content.decode()
        assert_inert(html, admin_log, f"admin moderation log page {page}")


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


def test_xss_policy_feedback(clients, home_page, staff):
    """Feedback through the policy's form, read by an editor in the admin."""
    from home.models import PolicyFeedback

    policy = PolicyPageFactory(parent=home_page, slug="policy")
    policy.save_revision().publish()
    editor = clients["editor"]
    listing = Baseline(editor.get("/admin/policy-feedback/").content.decode(), rows=True)
    for vector in VECTORS:
        cache.clear()  # the form's rate limit
        response = clients["writer"].post(
            "/en/policy/feedback/", {"section": "", "message": vector}
        )
        assert response.status_code == (400 if "\x00" in vector else 302), vector
    feedback = list(PolicyFeedback.objects.order_by("pk"))
    assert len(feedback) == len([vector for vector in VECTORS if "\x00" not in vector])
    inspect = Baseline(
        editor.get(f"/admin/policy-feedback/inspect/{feedback[0].pk}/").content.decode()
    )
    for item in feedback:
        html = editor.get(f"/admin/policy-feedback/inspect/{item.pk}/").content.decode()
        assert_inert(html, inspect, repr(item.message))
    for page in range(1, len(VECTORS) // 20 + 2):
        html = editor.get("/admin/policy-feedback/", {"p": page}).content.decode()
        assert_inert(html, listing, f"feedback listing page {page}")


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


def test_xss_practice_submissions(clients, home_page, staff):
    """A practice submitted through the members' form (title, text fields and the note to the
    editors): the submitter's list of submissions and the draft page the editors review."""
    from practices.factories import PracticeIndexPageFactory
    from practices.models import PracticeSubmission, Theme

    PracticeIndexPageFactory(parent=home_page)
    theme = Theme.objects.filter(locale__language_code="en").first()
    writer = clients["writer"]

    def data(title, text):
        return {
            "title": title,
            "summary": text,
            "context": text,
            "results": text,
            "lessons_learned": text,
            "themes": [str(theme.translation_key)],
            "period_start": "2019",
            "period_end": "2021",
            "evidence_level": "self-reported",
            "audience": "members",
            "language": "en",
            "contains_identifying_details": "no",
            "note_to_editors": text,
        }

    assert writer.post("/en/my-practices/submit/", data("Harmless", "Harmless.")).status_code == 302
    listing = Baseline(writer.get("/en/my-practices/").content.decode(), rows=True)
    first = PracticeSubmission.objects.get()
    draft = Baseline(
        clients["editor"].get(f"/admin/pages/{first.page_id}/view_draft/").content.decode()
    )
    form = Baseline(writer.get("/en/my-practices/submit/").content.decode())
    for vector in VECTORS:
        title = vector if vector in ONE_LINE else "multi-line"
        response = writer.post("/en/my-practices/submit/", data(title, vector))
        if response.status_code != 302:  # refused (a NUL character): the form comes back
            assert_inert(response.content.decode(), form, repr(vector))
    assert PracticeSubmission.objects.count() > len(VECTORS) / 2
    assert_inert(writer.get("/en/my-practices/").content.decode(), listing, "submissions")
    for submission in PracticeSubmission.objects.exclude(pk=first.pk).order_by("pk"):
        html = clients["editor"].get(f"/admin/pages/{submission.page_id}/view_draft/")
        assert_inert(html.content.decode(), draft, repr(submission.title))


def test_xss_event_proposals(clients, home_page, staff):
    """Proposals through the call-for-contributions form (title, abstract, language): the
    proposer's own list on the form and the organisers' review list."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.models import Group
    from django.test import Client

    from events.factories import EventIndexPageFactory, EventPageFactory
    from events.models import Proposal
    from partners import access

    EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(accepts_proposals=True)
    organiser = MembershipFactory(user__username="organiser").user
    organiser.groups.add(Group.objects.get_or_create(name=access.EVENT_ORGANISERS)[0])
    TOTP.activate(organiser, generate_totp_secret())
    reviewer = _client(Client, organiser)
    writer = clients["writer"]
    propose = f"{event.url}propose/"
    review = f"{event.url}organisers/proposals/"

    def data(title, text):
        return {"title": title, "abstract": text, "kind": "workshop", "language": title}

    assert writer.post(propose, data("Harmless", "Harmless.")).status_code == 302
    form = Baseline(writer.get(propose).content.decode(), rows=True)
    listing = Baseline(reviewer.get(review).content.decode(), rows=True)
    for vector in VECTORS:
        title = vector if vector in ONE_LINE else "multi-line"
        response = writer.post(propose, data(title[:60], vector[:3000]))
        if response.status_code != 302:  # refused: the form comes back with what was typed
            assert_inert(response.content.decode(), form, repr(vector))
    assert Proposal.objects.count() > len(VECTORS) / 2
    assert_inert(writer.get(propose).content.decode(), form, "the proposer's list")
    assert_inert(reviewer.get(review).content.decode(), listing, "the organisers' list")
