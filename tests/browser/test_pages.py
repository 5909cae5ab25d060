"""Every main page (tests/browser/pages.py) in a real browser, in English and Arabic, at desktop
width and at 390 px: no serious or critical axe-core violation, nothing wider than a phone,
Quick exit on screen, and within the weight budget with nothing fetched from elsewhere.

axe-core comes from the npm registry, pinned in tests/browser/package-lock.json and installed
by ``make test`` and .ci/run (``npm ci --prefix tests/browser``); the tests never fetch it.
"""

import gzip
import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from .pages import World, all_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": 1280, "phone": 390}
LANGUAGES = ("en", "ar")
# HTML + CSS + JS of one page, each gzip-compressed as a server or proxy would send it.
BUDGET = 100_000
MEASURED = {"document", "stylesheet", "script"}

AXE_SERIOUS = """async () => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): `
            + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));
}"""

LAYOUT = """() => {
    const exit = document.querySelector('.quick-exit').getBoundingClientRect();
    return {
        width: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
        exitOnScreen: exit.width > 0 && exit.left >= 0 && exit.right <= window.innerWidth
            && exit.top >= 0 && exit.bottom <= window.innerHeight,
    };
}"""


@pytest.fixture(scope="module")
def axe_script():
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is required in CI: npm ci --prefix tests/browser")
        pytest.skip("axe-core is not installed: npm ci --prefix tests/browser (make test does)")
    return AXE


@pytest.fixture(autouse=True, scope="module")
def _sync_database_calls_beside_playwright():
    """Playwright's sync API runs an event loop in this thread; fixtures and the flush after
    each test are synchronous database calls on purpose."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture
def screenshot_dir(tmp_path):
    path = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _check(browser, base_url, main_page, path, cookies, axe_script, lang, width, shots):
    """What is wrong with one page in one language at one width (empty: nothing)."""
    problems = []
    context = browser.new_context(
        viewport={"width": WIDTHS[width], "height": 844 if width == "phone" else 900},
        # axe is injected as a script the page's nonce CSP would refuse.
        bypass_csp=True,
    )
    context.add_cookies([{**cookie, "url": base_url} for cookie in cookies])
    page = context.new_page()
    responses, hosts = [], set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    page.on("response", lambda response: responses.append(response))
    try:
        if main_page.visit:
            main_page.visit(page, base_url, lang)
            # Measure the page itself, not the steps that led to it.
            responses.clear()
            hosts.clear()
            page.reload()
        else:
            response = page.goto(base_url + path.format(lang=lang))
            if response.status >= 400:
                return [f"status {response.status}"]
        if main_page.screenshot:
            page.screenshot(
                path=shots / f"{main_page.screenshot}-{lang}-{width}.png", full_page=True
            )
        page.add_script_tag(path=axe_script)
        problems += page.evaluate(AXE_SERIOUS)
        layout = page.evaluate(LAYOUT)
        if layout["width"] > layout["viewport"]:
            problems.append(f"{layout['width']} px wide in a {layout['viewport']} px window")
        if not layout["exitOnScreen"]:
            problems.append("Quick exit is not on screen")
        if width == "desktop":
            weight = sum(
                len(gzip.compress(response.body()))
                for response in responses
                if response.request.resource_type in MEASURED and response.status == 200
            )
            if weight > BUDGET:
                problems.append(f"{weight} bytes compressed (budget {BUDGET})")
            elsewhere = hosts - {urlparse(base_url).hostname}
            if elsewhere:
                problems.append(f"requests to {sorted(elsewhere)}")
    finally:
        context.close()
    return problems


@pytest.mark.parametrize("main_page", all_pages(), ids=lambda main_page: main_page.name)
def test_main_page_is_accessible_fits_a_phone_and_stays_light(
    django_db_setup,
    browser,
    axe_script,
    live_server,
    translated_home,
    locales,
    member,
    client,
    screenshot_dir,
    main_page,
):
    # django_db_setup before browser: the test database exists before Playwright's loop starts.
    path = main_page.build(World(home=translated_home, locales=locales, member=member))
    cookies = []
    if main_page.signed_in:
        client.force_login(member)
        cookies = [{"name": "sessionid", "value": client.cookies["sessionid"].value}]

    problems = {
        f"{lang} {width}": found
        for lang in LANGUAGES
        for width in WIDTHS
        if (
            found := _check(
                browser,
                live_server.url,
                main_page,
                path,
                cookies,
                axe_script,
                lang,
                width,
                screenshot_dir,
            )
        )
    }
    assert not problems, f"{main_page.name} ({path}): {problems}"
