import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow

from home.models import PolicyPage, PolicyVersion
from partners.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_new_policy_page_is_under_the_editors_approval_workflow(policy):
    workflow = policy.get_workflow()
    assert workflow.name == "Policy approval"
    tasks = [task.specific for task in workflow.tasks]
    assert [type(task) for task in tasks] == [GroupApprovalTask]
    assert list(tasks[0].groups.values_list("name", flat=True)) == ["Editors"]


def test_annexes_and_translations_follow_the_same_workflow(policy, annex, translated_home, locales):
    assert annex.get_workflow().name == "Policy approval"
    french = policy.copy_for_translation(locales["fr"])
    assert PolicyPage.objects.get(pk=french.pk).get_workflow().name == "Policy approval"


def test_an_editors_approval_publishes_the_draft_as_a_new_version(client, policy, editor):
    reviewer = UserFactory(username="reviewer", groups=[Group.objects.get(name="Editors")])
    draft = policy.get_latest_revision_as_object()
    draft.version_label = "2.0"
    draft.change_summary = "Clearer reporting."
    draft.save_revision(user=editor)
    workflow_state = policy.get_workflow().start(policy, editor)
    assert not PolicyVersion.objects.filter(version_label="2.0").exists()

    workflow_state.current_task_state.specific.approve(user=reviewer)

    policy.refresh_from_db()
    assert policy.version_label == "2.0"
    version = policy.versions().first()
    assert (version.version_label, version.change_summary) == ("2.0", "Clearer reporting.")
    assert "<dd>2.0</dd>" in client.get("/en/policy/").content.decode()


def test_the_policy_editor_offers_the_workflow_not_a_publish_button(policy, editor_client):
    html = editor_client.get(f"/admin/pages/{policy.pk}/edit/").content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_a_new_annex_is_saved_as_a_draft_then_submitted_not_published(policy, editor_client):
    html = editor_client.get(f"/admin/pages/add/home/annexpage/{policy.pk}/").content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html
    response = editor_client.post(
        f"/admin/pages/add/home/annexpage/{policy.pk}/",
        {"title": "New annex", "slug": "new-annex", "number": "2", "action-publish": "publish"},
    )
    assert response.status_code == 403


def test_a_direct_publish_of_the_policy_is_refused(policy, editor_client):
    response = editor_client.post(
        f"/admin/pages/{policy.pk}/edit/", {"title": "Changed", "action-publish": "publish"}
    )
    assert response.status_code == 403
    assert b"published through the Policy approval workflow" in response.content
    policy.refresh_from_db()
    assert policy.title == "Partnership Policy"
    assert policy.versions().count() == 1


def test_the_workflow_migration_can_run_again_without_duplicates(db):
    migration = importlib.import_module("home.migrations.0003_policy_workflow")
    migration.create_policy_workflow(apps, None)
    migration.create_policy_workflow(apps, None)
    assert Workflow.objects.filter(name="Policy approval").count() == 1
    assert GroupApprovalTask.objects.filter(name="Editors approve the policy").count() == 1
    editors = Group.objects.get(name="Editors")
    # Editors' full permission table is tested in tests/partners/test_staff_groups.py.
    assert {"view_policyfeedback", "change_policyfeedback"} <= set(
        editors.permissions.filter(content_type__app_label="home").values_list(
            "codename", flat=True
        )
    )


# --- Translations go through the same workflow (wagtail-localize's editor and updates) -------


@pytest.fixture
def french_draft(policy, translated_home, locales, editor_client):
    """A French translation of the policy started through wagtail-localize: a draft."""
    response = editor_client.post(
        f"/admin/localize/submit/page/{policy.pk}/", {"locales": [locales["fr"].pk]}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    french = PolicyPage.objects.get(translation_key=policy.translation_key, locale=locales["fr"])
    assert not french.live
    return french


def test_the_translation_editor_submits_a_policy_translation_for_approval(
    french_draft, editor_client, editor, django_capture_on_commit_callbacks
):
    # wagtail-localize publishes once the transaction commits: run those callbacks.
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/pages/{french_draft.pk}/edit/", {"action": "publish"}
        )
    assert response.status_code == 302
    french = PolicyPage.objects.get(pk=french_draft.pk)
    assert not french.live  # not published by the translation editor
    state = french.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert state.workflow.name == "Policy approval"
    page = editor_client.get(response["Location"], follow=True).content.decode()
    assert "submitted to the Policy approval workflow" in page

    # The Editors' approval publishes it.
    reviewer = UserFactory(username="reviewer", groups=[Group.objects.get(name="Editors")])
    state.current_task_state.specific.approve(user=reviewer)
    assert PolicyPage.objects.get(pk=french_draft.pk).live


def test_update_translations_cannot_publish_a_policy_translation(
    policy, french_draft, editor_client, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.get(object_id=policy.translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"}, follow=True
        )
    assert "published through the Policy approval workflow" in response.content.decode()
    assert not PolicyPage.objects.get(pk=french_draft.pk).live
    # Updating without publishing stays possible.
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/localize/update/{source.pk}/", {})
    assert response.status_code == 302
    assert not PolicyPage.objects.get(pk=french_draft.pk).live


def test_bulk_publish_of_a_policy_page_is_refused(
    french_draft, editor_client, django_capture_on_commit_callbacks
):
    url = f"/admin/bulk/wagtailcore/page/publish/?id={french_draft.pk}&next=/admin/"
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, {"include_descendants": ""}, follow=True)
    assert "published through the Policy approval workflow" in response.content.decode()
    assert not PolicyPage.objects.get(pk=french_draft.pk).live
