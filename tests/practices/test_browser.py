"""The catalogue (two filters), the map and a practice page in a real browser, English and
Arabic, desktop and 390 px: never wider than the screen, mirrored in Arabic, nothing fetched
from elsewhere. Screenshots go to $SCREENSHOT_DIR (default: pytest's tmp dir)."""

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from practices.factories import (
    PracticeIndexPageFactory,
    PracticePageFactory,
    RegionFactory,
    ThemeFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def screenshot_dir(tmp_path):
    path = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def practices_site(translated_home, locales):
    index = PracticeIndexPageFactory(parent=translated_home["en"], title="Practices")
    arabic_index = index.copy_for_translation(locales["ar"], copy_parents=True)
    arabic_index.title = "الممارسات"
    arabic_index.save_revision().publish()
    legal = ThemeFactory(slug="legal-aid", name="Legal aid")
    africa = RegionFactory(slug="africa", name="Africa")
    for n, country in enumerate(["KE", "UG", "TZ", "ZA"]):
        page = PracticePageFactory(
            parent=index,
            slug=f"practice-{n}",
            title=f"Court companions for survivors {n}",
            summary="Trained volunteers accompany survivors of torture to every hearing.",
            results="<p>Fewer survivors withdrew their complaints.</p>",
            countries=[country],
            period_start=2018 + n,
            period_end=2021 + n,
            themes=[legal],
            regions=[africa],
        )
        translation = page.copy_for_translation(locales["ar"])
        translation.title = f"مرافقة الناجين في المحاكم {n}"
        translation.summary = "يرافق متطوعون مدرَّبون الناجين من التعذيب إلى كل جلسة."
        translation.save_revision().publish()
    return index


SCREENS = [
    ("catalogue", "{index}?theme=legal-aid&region=africa"),
    ("map", "{index}map/?theme=legal-aid"),
    ("practice", "{index}practice-0/"),
]


@pytest.mark.parametrize("code", ["en", "ar"])
@pytest.mark.parametrize("width", [1200, 390])
@pytest.mark.parametrize(("name", "path"), SCREENS)
def test_practices_screens_fit_and_follow_the_language_direction(
    browser, live_server, practices_site, screenshot_dir, code, width, name, path
):
    index = f"/{code}/practices/"
    page = browser.new_page(viewport={"width": width, "height": 900})
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    response = page.goto(live_server.url + path.format(index=index))
    assert response.status == 200
    page.screenshot(path=screenshot_dir / f"practices-{name}-{code}-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    heading = page.locator("h1").bounding_box()
    if code == "ar":
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert heading["x"] + heading["width"] > width / 2  # starts on the right
    else:
        assert heading["x"] < width / 2
    assert hosts == {"localhost"}
    page.close()
