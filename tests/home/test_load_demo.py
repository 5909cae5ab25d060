"""load_demo tells where the demo is served and keeps new passwords in a file (not the demo
content itself: every app's part is replaced by one account here)."""

import stat
from io import StringIO

import pytest
from django.core.management import call_command

from partners.demo import demo_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_account(monkeypatch):
    monkeypatch.setattr(
        "home.hooks.demo_content",
        lambda command: demo_user(command, "amina@gpe.example", display="(member)"),
    )
    monkeypatch.setattr("home.management.commands.load_demo.call_command", lambda *a, **k: None)


def test_load_demo_writes_new_passwords_to_a_private_file_and_prints_the_real_address(
    one_account, tmp_path
):
    accounts = tmp_path / "demo-accounts.txt"
    out = StringIO()
    call_command("load_demo", url="http://127.0.0.1:8017", accounts_file=str(accounts), stdout=out)

    text = accounts.read_text()
    assert "amina@gpe.example  password: " in text and "(member)" in text
    assert stat.S_IMODE(accounts.stat().st_mode) == 0o600
    assert "Demo content is ready: http://127.0.0.1:8017/" in out.getvalue()
    assert str(accounts) in out.getvalue()

    # A second run makes no new account: the file keeps the first password, nothing is added.
    call_command("load_demo", accounts_file=str(accounts), stdout=StringIO())
    assert accounts.read_text() == text


def test_the_pending_invitation_link_names_the_served_address(settings, home_page):
    """make run passes its HOST as WAGTAILADMIN_BASE_URL: the printed invitation link (like
    every mail the demo sends) points at the port the demo is served on, not :8000."""
    from partners.demo import load_pending_invitation
    from partners.factories import OrganisationFactory

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8017"
    lines = []
    command = type("Command", (), {"say": lines.append, "created": lines.append})()
    load_pending_invitation(command, OrganisationFactory())
    assert lines[-1].startswith("  http://127.0.0.1:8017/en/partners/invitations/")
