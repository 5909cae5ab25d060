"""Fixtures for the Partnership Policy: a policy with two published versions and an annex."""

import datetime

import pytest

from home.factories import AnnexPageFactory, PolicyPageFactory


def publish_version(page, *, version_label, change_summary="", **changes):
    """Publish a new version of ``page`` the way the admin does: from its latest revision."""
    # A fresh copy: a stale one would write back an old child count and hide new annexes.
    draft = type(page).objects.get(pk=page.pk).get_latest_revision_as_object()
    draft.version_label = version_label
    draft.change_summary = change_summary
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def replace_section_text(page, block_id, html):
    """The page's body as raw data, with one section's text replaced."""
    body = []
    for block in page.get_latest_revision_as_object().body.raw_data:
        block = dict(block)
        if block["id"] == block_id:
            block["value"] = {**block["value"], "text": html}
        body.append(block)
    return body


@pytest.fixture
def policy(home_page):
    """Version 1.0, published: two sections, a principle and a note."""
    page = PolicyPageFactory(
        parent=home_page, slug="policy", adoption_date=datetime.date(2024, 3, 15)
    )
    page.change_summary = "First version."
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def revised_policy(policy):
    """Version 2.0: the reporting section changed one word and gained a clause."""
    return publish_version(
        policy,
        version_label="2.0",
        change_summary="Reporting twice a year.",
        body=replace_section_text(
            policy, "s-reporting", "<p>Partners report twice a year to the board, in writing.</p>"
        ),
    )


@pytest.fixture
def annex(policy):
    page = AnnexPageFactory(parent=policy, slug="annex-1")
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def with_second_factor(user):
    """Staff must have MFA enrolled before the site lets them through (partners.middleware)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(with_second_factor(editor))
    return client


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(with_second_factor(superuser))
    return client
