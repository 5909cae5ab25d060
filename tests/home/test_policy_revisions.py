import pytest
from django.core.management import call_command
from wagtail.models import Revision

from home.factories import StandardPageFactory
from home.models import PolicyPage, RetainedRevision
from tests.home.conftest import publish_version

pytestmark = pytest.mark.django_db


def test_purge_revisions_keeps_every_revision_of_the_policy(policy, annex, home_page):
    publish_version(policy, version_label="2.0")
    for _ in range(2):  # drafts, never published
        policy.get_latest_revision_as_object().save_revision()
    page = StandardPageFactory(parent=home_page, slug="about")
    for _ in range(3):
        page.save_revision().publish()
    policy_revisions = Revision.objects.for_instance(policy).count()
    annex_revisions = Revision.objects.for_instance(annex).count()
    assert policy_revisions == 4

    call_command("purge_revisions", stdout=None)

    assert Revision.objects.for_instance(policy).count() == policy_revisions
    assert Revision.objects.for_instance(annex).count() == annex_revisions
    # The command did run: the plain page lost its old revisions.
    assert Revision.objects.for_instance(page).count() == 1


def test_every_policy_revision_is_held(policy):
    revisions = Revision.objects.for_instance(policy)
    assert set(RetainedRevision.objects.values_list("revision_id", flat=True)) == set(
        revisions.values_list("pk", flat=True)
    )


def test_a_published_policy_cannot_be_deleted_in_the_admin(policy, superuser_client):
    response = superuser_client.post(f"/admin/pages/{policy.pk}/delete/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{policy.pk}/edit/"
    assert PolicyPage.objects.filter(pk=policy.pk).exists()


def test_a_never_published_policy_can_be_deleted_in_the_admin(home_page, superuser_client):
    from home.factories import PolicyPageFactory

    draft = PolicyPageFactory(parent=home_page, slug="draft", live=False)
    draft.save_revision()
    draft.get_latest_revision_as_object().save_revision()
    response = superuser_client.post(f"/admin/pages/{draft.pk}/delete/")
    assert response.status_code == 302
    assert not PolicyPage.objects.filter(pk=draft.pk).exists()
    assert not RetainedRevision.objects.exists()
