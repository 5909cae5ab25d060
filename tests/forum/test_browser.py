"""The topic page in a real browser: English left to right, Arabic mirrored."""

import pytest

from forum.factories import make_reply, make_topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True, scope="module")
def _sync_database_calls_beside_playwright():
    """Playwright's sync API runs an event loop in this thread; Django then refuses database
    calls (here: fixtures and the flush after the test) unless told they are synchronous on
    purpose. Module scope: set before and removed after every database fixture."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture
def topic_url(live_server, public_category, author, home_page):
    from wagtail.models import Site

    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    topic = make_topic(
        public_category,
        author,
        title="Keeping the referral network alive",
        markdown="Doctors and lawyers still **call each other**.",
    )
    make_reply(topic, author, markdown="الأطباء والمحامون ما زالوا يتواصلون.", language="ar")
    return f"{live_server.url}{{lang}}{topic.get_absolute_url()[3:]}"


def _positions(page):
    return page.evaluate(
        """() => {
            const nav = document.querySelector('.forum-nav ul li a').getBoundingClientRect();
            const title = document.querySelector('h1').getBoundingClientRect();
            return {nav: nav.left, title: title.right, width: window.innerWidth,
                    dir: document.documentElement.dir};
        }"""
    )


def test_topic_page_mirrors_in_arabic(topic_url, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    try:
        page.goto(topic_url.format(lang="/en"))
        english = _positions(page)
        page.screenshot(path=tmp_path / "topic-en.png", full_page=True)
        page.goto(topic_url.format(lang="/ar"))
        arabic = _positions(page)
        page.screenshot(path=tmp_path / "topic-ar.png", full_page=True)
        assert "الأطباء" in page.content()
    finally:
        page.close()
    assert english["dir"] == "ltr" and arabic["dir"] == "rtl"
    # The forum menu starts on the left in English and on the right in Arabic.
    assert english["nav"] < english["width"] / 2 < arabic["nav"]


def test_mention_suggestions_in_the_reply_box(topic_url, browser, client, member, live_server):
    client.force_login(member)
    context = browser.new_context()
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    try:
        page.goto(topic_url.format(lang="/en"))
        box = page.locator("textarea[name=markdown]")
        box.click()
        box.press_sequentially("Thanks @auth")
        page.locator(".mention-suggestions button", has_text="@author-name").click()
        assert box.input_value() == "Thanks @author-name "
    finally:
        context.close()
