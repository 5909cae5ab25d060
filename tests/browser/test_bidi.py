"""Latin text inside the Arabic site keeps its order: organisation names and short names,
topic titles beside their authors, descriptions ending in a full stop, @mentions, the
Markdown hint. Checked where the glyphs land on screen, not in the HTML."""

import pytest

from .test_pages import _sync_database_calls_beside_playwright  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# For each element holding `text`, where its first and last characters are drawn. Latin
# (left-to-right) text in order has its first character on the left of its last.
ENDS = """(text) => {
    const found = [];
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const at = node.data.indexOf(text);
        if (at < 0) continue;
        const box = (i) => {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            return range.getBoundingClientRect();
        };
        found.push({first: box(at).left, last: box(at + text.length - 1).left});
    }
    return found;
}"""


def _assert_in_order(page, text):
    found = page.evaluate(ENDS, text)
    assert found, f"{text!r} is not on {page.url}"
    for ends in found:
        assert ends["first"] < ends["last"], f"{text!r} is drawn out of order on {page.url}"


@pytest.fixture
def arabic_forum(translated_home, member):
    from forum.factories import CategoryFactory, make_reply, make_topic
    from partners.factories import MembershipFactory, OrganisationFactory
    from partners.models import Audience

    organisation = OrganisationFactory(
        name="Centre for Rehabilitation and Rights", short_name="CRR", is_listed=True
    )
    member.memberships.update(organisation=organisation)
    category = CategoryFactory(
        name="Lessons learned",
        slug="lessons",
        audience=Audience.PUBLIC,
        description="What partners learned in the field.",
    )
    author = MembershipFactory(user__username="nadia").user
    author.profile.display_name = "nadia.r"
    author.profile.save()
    topic = make_topic(category, author, title="Keeping the referral network alive")
    make_reply(topic, member, markdown="شكرًا @nadia.r على هذه الملاحظة.", language="ar")
    return topic


def test_latin_fragments_keep_their_order_in_arabic(
    django_db_setup, browser, live_server, arabic_forum, member, client
):
    client.force_login(member)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/ar/partners/organisations/")
        _assert_in_order(page, "Centre for Rehabilitation and Rights")
        _assert_in_order(page, "(CRR)")
        assert "كينيا" in page.inner_text("main")  # the country, in Arabic (django-countries)

        page.goto(f"{live_server.url}/ar/forum/")
        _assert_in_order(page, "What partners learned in the field.")
        page.goto(f"{live_server.url}/ar/forum/c/lessons/")
        _assert_in_order(page, "Keeping the referral network alive")
        _assert_in_order(page, "nadia.r")

        page.goto(f"{live_server.url}{arabic_forum.get_absolute_url().replace('/en/', '/ar/')}")
        _assert_in_order(page, "Keeping the referral network alive")
        _assert_in_order(page, "@nadia.r")
        _assert_in_order(page, "[رابط](https://…)")
    finally:
        context.close()
