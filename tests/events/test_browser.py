"""The workshop page and its registration in a real browser, English and Arabic, desktop and
390 px: never wider than the screen, mirrored in Arabic, nothing fetched from elsewhere.
Screenshots go to $SCREENSHOT_DIR (default: pytest's tmp dir) for a person to look at."""

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from events.factories import EventPageFactory
from events.models import EventIndexPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1200, "phone": 390}


@pytest.fixture
def screenshot_dir(tmp_path):
    path = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def arabic_workshop(translated_home, workshop, locales):
    """The workshop in Arabic too (as wagtail-localize would make it)."""
    index = EventIndexPage.objects.get(slug="events", locale=locales["en"])
    index_ar = index.copy_for_translation(locales["ar"])
    index_ar.title = "الفعاليات"
    index_ar.save_revision().publish()
    page = workshop.copy_for_translation(locales["ar"])
    page.title = "ورشة عمل التبادل 2027"
    page.summary = "الورشة السنوية التي يقيّم فيها الشركاء تنفيذ سياسة الشراكة."
    page.save_revision().publish()
    for session in page.sessions.all():
        session.title = {"Opening plenary": "الجلسة الافتتاحية"}.get(
            session.title, "الجلسة الختامية"
        )
        session.save()
    return page


def _open(browser, live_server, client, user, url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    if user is not None:
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    page.goto(live_server.url + url)
    return context, page, hosts


@pytest.mark.parametrize("code", ["en", "ar"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("who", ["visitor", "member"])
def test_screens_workshop_page_fits_the_screen_and_mirrors(
    browser, live_server, client, arabic_workshop, member, screenshot_dir, code, size, who
):
    width = WIDTHS[size]
    user = member if who == "member" else None
    context, page, hosts = _open(
        browser, live_server, client, user, f"/{code}/events/workshop-2027/", width
    )
    name = f"event-{'registration' if user else 'workshop'}-{code}-{size}.png"
    page.screenshot(path=screenshot_dir / name, full_page=True)
    # Nothing wider than the screen: no sideways scrolling at 390 px.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator("html").get_attribute("dir") == ("rtl" if code == "ar" else "ltr")
    title = page.locator("h1").bounding_box()
    session = page.locator(".session-time").first.bounding_box()
    if code == "ar":
        assert title["x"] + title["width"] > width / 2  # starts on the right
        assert session["x"] + session["width"] > width / 2
    else:
        assert title["x"] < width / 2
        assert session["x"] < width / 2
    if user is not None:
        assert page.locator(".registration-form button[type=submit]").is_visible()
    assert hosts == {"localhost"}
    context.close()


def test_screens_register_in_the_browser(browser, live_server, client, event_index, member):
    EventPageFactory(parent=event_index, slug="webinar", title="Documentation webinar")
    context, page, _hosts = _open(
        browser, live_server, client, member, "/en/events/webinar/", WIDTHS["phone"]
    )
    page.locator(".registration-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "You are registered." in page.locator(".registration").inner_text()
    assert "gpe-secret-room" in page.locator(".joining-details").inner_text()
    context.close()
