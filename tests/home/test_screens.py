"""The home page in a real browser: mirrored in Arabic, nothing fetched from elsewhere.

Screenshots go to $SCREENSHOT_DIR (default: pytest's tmp dir) for a person to look at.
"""

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def screenshot_dir(tmp_path):
    path = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    path.mkdir(parents=True, exist_ok=True)
    return path


def open_page(browser, url):
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    page.goto(url)
    return page, hosts


@pytest.mark.parametrize(("code", "mirrored"), [("en", False), ("ar", True)])
def test_screens_home_page_layout_follows_the_language_direction(
    browser, live_server, translated_home, screenshot_dir, code, mirrored
):
    page, hosts = open_page(browser, f"{live_server.url}/{code}/")
    page.screenshot(path=screenshot_dir / f"home-{code}.png", full_page=True)

    width = page.viewport_size["width"]
    name = page.locator(".site-name").bounding_box()
    exit_link = page.locator(".quick-exit").bounding_box()
    title = page.locator("h1").bounding_box()
    if mirrored:
        assert name["x"] > width / 2
        assert exit_link["x"] < width / 2
        assert title["x"] + title["width"] > width / 2
    else:
        assert name["x"] < width / 2
        assert exit_link["x"] > width / 2
    assert page.locator("h1").inner_text() == translated_home[code].title
    assert hosts == {"localhost"}  # no CDN, font or tracker: nothing leaves the site
    page.close()


def test_screens_quick_exit_leaves_without_history(browser, live_server, translated_home, settings):
    page, _hosts = open_page(browser, f"{live_server.url}/en/")
    # The exit target must be reachable here, and this machine has no network: route it.
    page.route("https://www.wikipedia.org/**", lambda route: route.fulfill(body="elsewhere"))
    entries_before = page.evaluate("history.length")
    page.locator(".quick-exit").click()
    page.wait_for_url("https://www.wikipedia.org/")
    # location.replace(): the site's page is gone from history, so Back does not return to it.
    assert page.evaluate("history.length") == entries_before
    page.close()
