"""The search page in a real browser: facets beside the results, mirrored in Arabic,
highlights shown, suggestions under the box (JavaScript under the nonce CSP), nothing fetched
from elsewhere. Screenshots go to $SCREENSHOT_DIR (default: pytest's tmp dir)."""

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


@pytest.mark.parametrize(("code", "mirrored"), [("en", False), ("ar", True)])
def test_browser_search_with_facets_and_highlights(
    browser, live_server, content, screenshot_dir, code, mirrored
):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    hosts = set()
    errors = []
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    failed = []
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and not response.url.endswith("/favicon.ico")
            and failed.append(response.url)
        ),
    )
    page.goto(f"{live_server.url}/{code}/search/?q=prisons&type=page&type=topic")
    page.screenshot(path=screenshot_dir / f"search-{code}.png", full_page=True)

    facets = page.locator(".search-facets").bounding_box()
    results = page.locator(".search-results").bounding_box()
    if mirrored:
        assert facets["x"] > results["x"]
    else:
        assert facets["x"] < results["x"]
    assert page.locator(".search-result mark").count() >= 2
    assert page.locator(".search-facet a.is-selected").count() == 2

    page.locator("#search-q").fill("page-pub")
    page.locator(".search-suggestions a").first.wait_for(timeout=5000)
    assert "page-public monitoring" in page.locator(".search-suggestions").inner_text()
    assert hosts == {"localhost"}
    assert failed == []
    # No CSP violation, no script error (a missing favicon is no error of ours).
    assert [error for error in errors if not error.startswith("Failed to load resource")] == []
    page.close()
