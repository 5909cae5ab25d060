"""Each staff group holds exactly the permissions its role needs (partners migration 0007).

Wagtail's own initial migration makes a "Moderators" group that may add, change and publish
every page and approves the default workflow; our forum moderators must have none of that.
"""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageViewRestriction,
)

from home.factories import StandardPageFactory
from partners.factories import UserFactory

pytestmark = pytest.mark.django_db

# Django permissions ("app_label.codename") of each group.
DJANGO_PERMISSIONS = {
    "Moderators": {
        "wagtailadmin.access_admin",
        "forum.view_moderationaction",  # the moderation log, read-only
    },
    "Editors": {
        "wagtailadmin.access_admin",
        "wagtail_localize.submit_translation",
        "home.view_policyfeedback",
        "home.change_policyfeedback",
        "home.change_sitesettings",
        "forum.view_category",
        "forum.add_category",
        "forum.change_category",
    },
    "Event organisers": {"wagtailadmin.access_admin"},
}
# Page permissions, all on the tree's root page (so every site and language below it).
PAGE_PERMISSIONS = {
    "Moderators": set(),
    "Editors": {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"},
    "Event organisers": set(),
}
# Collection permissions, all on the root collection.
COLLECTION_PERMISSIONS = {
    "Moderators": set(),
    "Editors": {
        f"{action}_{kind}"
        for action in ("add", "change", "delete", "choose")
        for kind in ("image", "document")
    },
    "Event organisers": set(),
}


def permission_table(group):
    django = {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }
    pages = set()
    for permission in GroupPagePermission.objects.filter(group=group).select_related(
        "page", "permission"
    ):
        assert permission.page.is_root(), permission.page
        pages.add(permission.permission.codename)
    collections = set()
    for permission in GroupCollectionPermission.objects.filter(group=group).select_related(
        "collection", "permission"
    ):
        assert permission.collection.is_root(), permission.collection
        collections.add(permission.permission.codename)
    return django, pages, collections


@pytest.mark.parametrize("name", sorted(DJANGO_PERMISSIONS))
def test_staff_groups_have_exactly_their_roles_permissions(name):
    django, pages, collections = permission_table(Group.objects.get(name=name))
    assert django == DJANGO_PERMISSIONS[name]
    assert pages == PAGE_PERMISSIONS[name]
    assert collections == COLLECTION_PERMISSIONS[name]


def test_staff_groups_moderators_approve_no_workflow_task():
    """Wagtail's default workflow ("Moderators approval" on the root page) is the Editors'."""
    for task in GroupApprovalTask.objects.all():
        assert "Moderators" not in set(task.groups.values_list("name", flat=True)), task.name
    root_workflow = Page.get_first_root_node().get_workflow()
    approvers = {
        name
        for task in root_workflow.tasks
        for name in task.specific.groups.values_list("name", flat=True)
    }
    assert approvers == {"Editors"}


def test_staff_groups_migration_can_run_again(moderator):
    """Re-running it (after someone granted extras by hand) restores the table."""
    moderators = Group.objects.get(name="Moderators")
    GroupPagePermission.objects.create(
        group=moderators,
        page=Page.get_first_root_node(),
        permission_type="publish",
    )
    migration = importlib.import_module("partners.migrations.0007_staff_group_permissions")
    migration.set_staff_group_permissions(apps, None)
    migration.set_staff_group_permissions(apps, None)
    for name in DJANGO_PERMISSIONS:
        django, pages, collections = permission_table(Group.objects.get(name=name))
        assert (django, pages, collections) == (
            DJANGO_PERMISSIONS[name],
            PAGE_PERMISSIONS[name],
            COLLECTION_PERMISSIONS[name],
        )
    assert Collection.objects.count() == 1


# --- A forum moderator in the page admin ---------------------------------------------------


@pytest.fixture
def restricted_draft(home_page, working_group):
    """A group-restricted page, live, with an unpublished draft on top."""
    page = StandardPageFactory(parent=home_page, slug="wg-notes", title="Working group notes")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    ).groups.add(working_group)
    draft = page.get_latest_revision_as_object()
    draft.title = "Draft: not for the public"
    draft.save_revision()
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def moderator_client(client, moderator, enrol_mfa):
    client.force_login(enrol_mfa(moderator))
    return client


def refused(response):
    """Wagtail's admin answers a missing permission with 403, or 404 for an unknown page; a
    redirect to the dashboard with "permission" in the message counts as refused too."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_staff_groups_moderator_gets_no_page_editor_preview_or_publish(
    moderator_client, restricted_draft, home_page
):
    page = restricted_draft
    assert moderator_client.get("/admin/").status_code == 200  # the moderation log is there
    for url in (
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.pk}/view_draft/",
        f"/admin/pages/{page.pk}/edit/preview/",
        f"/admin/pages/{page.pk}/history/",
        f"/admin/pages/add/home/standardpage/{home_page.pk}/",
        f"/admin/pages/{page.pk}/copy/",
        f"/admin/pages/{page.pk}/move/",
        f"/admin/pages/{page.pk}/unpublish/",
        f"/admin/pages/{page.pk}/delete/",
    ):
        response = moderator_client.get(url)
        assert refused(response), (url, response.status_code)

    for url in (
        f"/admin/pages/{home_page.pk}/",
        "/admin/pages/search/?q=notes",
        "/admin/pages/search/?q=draft",
    ):
        response = moderator_client.get(url)
        assert b"Working group notes" not in response.content, url
        assert b"not for the public" not in response.content, url
        assert b"wg-notes" not in response.content, url

    preview = moderator_client.post(
        f"/admin/pages/{page.pk}/edit/preview/", {"title": "Leaked", "slug": "wg-notes"}
    )
    assert refused(preview), preview.status_code
    publish = moderator_client.post(
        f"/admin/pages/{page.pk}/edit/",
        {"title": "Published by a moderator", "slug": "wg-notes", "action-publish": "publish"},
    )
    assert refused(publish), publish.status_code
    revision = page.latest_revision
    publish_revision = moderator_client.post(
        f"/admin/pages/{page.pk}/revisions/{revision.pk}/revert/",
        {"title": "x", "slug": "wg-notes", "action-publish": "publish"},
    )
    assert refused(publish_revision), publish_revision.status_code

    page = Page.objects.get(pk=page.pk)
    assert page.title == "Working group notes"
    assert page.live_revision_id != revision.pk


def test_staff_groups_moderator_cannot_approve_a_submitted_page(
    moderator_client, restricted_draft, editor
):
    """Submitted to the default workflow, the draft waits for the Editors, not for a forum
    moderator (whose "approve" would publish it)."""
    page = restricted_draft
    workflow_state = page.get_workflow().start(page, editor)
    task_state = workflow_state.current_task_state
    response = moderator_client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert refused(response), response.status_code
    page = Page.objects.get(pk=page.pk)
    assert page.title == "Working group notes"
    workflow_state.refresh_from_db()
    assert workflow_state.status == "in_progress"


def test_staff_groups_editor_can_still_edit_and_publish(client, restricted_draft, enrol_mfa):
    editor = enrol_mfa(
        UserFactory(username="pageeditor", groups=[Group.objects.get(name="Editors")])
    )
    client.force_login(editor)
    page = restricted_draft
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            "title": "Notes, published",
            "slug": "wg-notes",
            "intro": "",
            "body-count": "0",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Page.objects.get(pk=page.pk).title == "Notes, published"
