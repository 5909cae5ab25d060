"""The main pages and Wagtail's editor work in Chromium under their Content-Security-Policy:
no violation reported, and the scripts that enhance them still run."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from forum.factories import CategoryFactory, make_topic
from home.factories import PolicyPageFactory, StandardPageFactory
from partners.factories import DEFAULT_PASSWORD, MembershipFactory
from partners.models import Audience

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any page script, outside the page's policy (Playwright injects it).
LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


@pytest.fixture(autouse=True, scope="module")
def _sync_database_calls_beside_playwright():
    """Playwright's sync API runs an event loop in this thread; Django then refuses database
    calls unless told they are synchronous on purpose."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


class Session:
    """A browser context, signed in as the Django test client is, that records every CSP
    violation (the page's event and Chromium's console)."""

    def __init__(self, browser, live_server, client=None):
        self.base = live_server.url
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(LISTEN_FOR_VIOLATIONS)
        if client is not None:
            self.context.add_cookies(
                [
                    {
                        "name": "sessionid",
                        "value": client.cookies["sessionid"].value,
                        "url": self.base,
                    }
                ]
            )
        self.console = []
        self.page = self.context.new_page()
        self.page.on("console", self._on_console)

    def _on_console(self, message):
        if "Content Security Policy" in message.text or "Permissions-Policy" in message.text:
            self.console.append(message.text)

    def visit(self, path):
        response = self.page.goto(self.base + path)
        assert response.status == 200, (path, response.status)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def violations(self):
        return self.console + self.page.evaluate("window.__cspViolations || []")

    def close(self):
        self.context.close()


@pytest.fixture
def session(browser, live_server):
    opened = []

    def open_session(client=None):
        opened.append(Session(browser, live_server, client))
        return opened[-1]

    yield open_session
    for one in opened:
        one.close()


@pytest.fixture
def content(django_db_setup, home_page):
    from wagtail.models import Site

    author = MembershipFactory(user__username="author").user
    author.profile.display_name = "author-name"
    author.profile.save()

    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    policy = PolicyPageFactory(parent=home_page, slug="policy")
    policy.save_revision().publish()
    category = CategoryFactory(name="Members", slug="members-room", audience=Audience.MEMBERS)
    topic = make_topic(category, author, title="Keeping the network alive")
    return {"policy": policy, "topic": topic}


def test_csp_browser_public_pages_and_sign_in(session, content):
    visitor = session()
    for path in (
        "/en/",
        "/en/policy/",
        "/en/policy/versions/",
        "/en/forum/",
        "/en/accounts/login/",
    ):
        visitor.visit(path)
    visitor.page.fill("input[name=login]", "nobody@example.org")
    visitor.page.fill("input[name=password]", "not-the-password")
    visitor.page.click("form.login button[type=submit], form button[type=submit]")
    visitor.page.wait_for_load_state("networkidle")
    assert visitor.violations() == []


def test_csp_browser_member_pages_and_mention_suggestions(session, content, client, member):
    client.force_login(member)
    client.post("/en/accounts/reauthenticate/", {"password": DEFAULT_PASSWORD})
    browser_session = session(client)
    page = browser_session.visit(content["topic"].get_absolute_url())
    box = page.locator("textarea[name=markdown]")
    box.click()
    box.press_sequentially("Thanks @auth")
    page.locator(".mention-suggestions button", has_text="@author-name").click()
    assert box.input_value() == "Thanks @author-name "  # the nonce'd script ran

    browser_session.visit("/en/partners/account/")
    page = browser_session.visit("/en/accounts/2fa/totp/activate/")
    qr_width = page.evaluate("document.querySelector('img[src^=\"data:\"]').naturalWidth")
    assert qr_width > 0  # the QR code is drawn
    assert browser_session.violations() == []


def test_csp_browser_wagtail_editor_still_works(
    session, content, client, superuser, home_page, tmp_path
):
    """Dashboard, explorer, the page editor (rich text, publish from the footer's menu) and
    the image uploader. A superuser: a transactional test loses the groups' permissions that
    migrations made."""
    from PIL import Image as PILImage
    from wagtail.images.models import Image
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    TOTP.activate(superuser, generate_totp_secret())
    client.force_login(superuser)
    page_to_edit = StandardPageFactory(
        parent=home_page,
        slug="about",
        title="About",
        body=[{"type": "paragraph", "value": "<p>Partners learn.</p>", "id": "p1"}],
    )
    admin = session(client)
    for path in ("/admin/", "/admin/pages/", f"/admin/pages/{home_page.pk}/", "/admin/images/"):
        admin.visit(path)

    page = admin.visit(f"/admin/pages/{page_to_edit.pk}/edit/")
    page.fill("#id_title", "About the exchange")
    editor = page.locator(".Draftail-Editor [contenteditable=true]").first
    editor.click()
    editor.press("End")
    editor.type(" From each other.")
    # Draftail writes its hidden field a moment after the last keystroke.
    page.wait_for_function(
        "() => document.querySelector('[name=\"body-0-value\"]').value.includes('each other')"
    )
    # The live preview: the page, rendered in a frame of the editor.
    page.click("[data-side-panel-toggle=preview]")
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator("h1", has_text="About the exchange").wait_for(timeout=15000)
    page.screenshot(path="/work/screens/security/admin-editor.png")
    # The publish button sits in the footer's dropdown, which Wagtail's scripts open.
    page.get_by_role("button", name="More actions").last.click()
    page.click("button[name=action-publish]")
    page.wait_for_load_state("networkidle")

    photo = tmp_path / "workshop.png"
    PILImage.new("RGB", (64, 48), "teal").save(photo)
    page = admin.visit("/admin/images/multiple/add/")
    page.set_input_files("input[type=file]", str(photo))
    page.wait_for_selector("#upload-list li.upload-success", timeout=15000)

    assert admin.violations() == []
    page_to_edit.refresh_from_db()
    assert page_to_edit.title == "About the exchange"
    assert "From each other." in str(page_to_edit.body)
    assert Image.objects.filter(title="workshop").exists()
