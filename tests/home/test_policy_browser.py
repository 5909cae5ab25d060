"""The policy page mirrors for Arabic: contents at the inline start, principle rule likewise."""

import pytest

from home.factories import arabic_policy_page
from home.policy.translation import translate_from

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _layout(browser, url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(url)
        return page.evaluate(
            """() => {
                const box = (s) => document.querySelector(s).getBoundingClientRect();
                const principle = getComputedStyle(document.querySelector('.principle'));
                return {
                    dir: document.documentElement.dir,
                    toc: box('.policy-toc').left,
                    body: box('.policy-body').left,
                    ruleLeft: principle.borderLeftWidth,
                    ruleRight: principle.borderRightWidth,
                };
            }"""
        )
    finally:
        page.close()


def test_the_policy_layout_mirrors_in_arabic(
    django_db_setup, browser, live_server, policy, translated_home, locales
):
    # django_db_setup comes before browser so that the test database exists before
    # Playwright's loop starts (when this test runs alone).
    translate_from(policy, locales["ar"], arabic_policy_page())

    english = _layout(browser, f"{live_server.url}/en/policy/")
    arabic = _layout(browser, f"{live_server.url}/ar/policy/")

    assert english["dir"] == "ltr" and english["toc"] < english["body"]
    assert (english["ruleLeft"], english["ruleRight"]) == ("5px", "0px")
    assert arabic["dir"] == "rtl" and arabic["toc"] > arabic["body"]
    assert (arabic["ruleLeft"], arabic["ruleRight"]) == ("0px", "5px")
