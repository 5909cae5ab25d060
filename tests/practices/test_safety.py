"""A practice with identifying details never goes out to the public: not from the editor's
Publish button, not through the Practice review workflow (admin or code), not from a script."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from wagtail.models import Page, PageViewRestriction, Workflow

from practices import safety
from practices.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def risky(catalogue_page):
    page = PracticePageFactory(parent=catalogue_page, title="Risky", live=False)
    page.contains_identifying_details = True
    page.save_revision()
    return Page.objects.get(pk=page.pk).specific


def test_publishing_in_code_is_refused_while_public(risky):
    with pytest.raises(ValidationError) as error:
        risky.get_latest_revision().publish()
    assert error.value.code == "identifying-details"
    assert not Page.objects.get(pk=risky.pk).live


def test_publishing_is_allowed_once_restricted_or_unticked(risky, catalogue_page):
    restriction = PageViewRestriction.objects.create(
        page=risky, restriction_type=PageViewRestriction.LOGIN
    )
    risky.get_latest_revision().publish()
    assert Page.objects.get(pk=risky.pk).live
    restriction.delete()
    # A restriction on the catalogue above counts too.
    PageViewRestriction.objects.create(
        page=catalogue_page, restriction_type=PageViewRestriction.LOGIN
    )
    assert safety.may_publish(risky)


def test_the_workflow_refuses_to_approve(risky, editor):
    workflow = Workflow.objects.get(name="Practice review")
    assert risky.get_workflow() == workflow  # the catalogue got it when it was made
    state = workflow.start(risky, editor)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert [name for name, *_ in task.get_actions(risky, editor)] == ["reject"]
    with pytest.raises(ValidationError):
        task.on_action(task_state, editor, "approve")
    assert not Page.objects.get(pk=risky.pk).live

    risky.contains_identifying_details = False
    risky.save_revision()
    page = Page.objects.get(pk=risky.pk).specific
    assert "approve" in [name for name, *_ in task.get_actions(page, editor)]


def test_the_admin_publish_button_refuses_with_a_message(superuser_client, risky):
    client = superuser_client
    edit = f"/admin/pages/{risky.pk}/edit/"
    warning = client.get(edit).content.decode()
    assert "so it cannot be published to the public" in warning  # shown before anyone tries
    data = {
        "title": "Risky",
        "slug": risky.slug,
        "summary": "Something.",
        "evidence_level": "self-reported",
        "contains_identifying_details": "on",
        "action-publish": "action-publish",
        "members_only-count": "0",  # the members-only sections (a StreamField)
    }
    for prefix in ("attachments", "related_links", "comments"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
        data |= {f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    response = client.post(edit, data)
    assert response.status_code == 302
    assert not Page.objects.get(pk=risky.pk).live
    assert safety.REFUSAL in [str(m) for m in get_messages(response.wsgi_request)]
