from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail

from home.models import PolicyFeedback, SiteSettings
from home.policy.views import ANONYMOUS_FEEDBACK_PER_HOUR

pytestmark = pytest.mark.django_db

MESSAGE = "Section 2 does not say who reads the reports."


@pytest.fixture
def open_feedback(site):
    settings = SiteSettings.for_site(site)
    settings.policy_feedback_from_anyone = True
    settings.save()
    return settings


def test_a_member_sends_feedback_and_gets_a_reference(
    client_for, member, policy, editor, django_capture_on_commit_callbacks
):
    client = client_for(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/policy/feedback/", {"message": MESSAGE, "section": "2. Reporting"}, follow=True
        )
    feedback = PolicyFeedback.objects.get()
    assert (feedback.user, feedback.page_id, feedback.section, feedback.message) == (
        member,
        policy.pk,
        "2. Reporting",
        MESSAGE,
    )
    assert feedback.reference.startswith("PF-") and len(feedback.reference) == 11
    assert f"Your reference is {feedback.reference}." in response.content.decode()
    # The editors hear of it, by reference and link: the message stays on the site.
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert feedback.reference in mail.outbox[0].subject
    assert f"/admin/policy-feedback/inspect/{feedback.pk}/" in mail.outbox[0].body
    assert MESSAGE not in mail.outbox[0].body


def test_a_visitor_sees_no_form_and_cannot_post_by_default(client, policy):
    html = client.get("/en/policy/").content.decode()
    assert 'action="/en/policy/feedback/"' not in html
    assert "Partner members can send the editors feedback" in html
    response = client.post("/en/policy/feedback/", {"message": MESSAGE})
    assert response.status_code == 403
    assert not PolicyFeedback.objects.exists()
    # What they typed is still there.
    assert MESSAGE in response.content.decode()


def test_a_visitor_may_send_feedback_when_the_editors_allow_it(client, policy, open_feedback):
    assert 'action="/en/policy/feedback/"' in client.get("/en/policy/").content.decode()
    response = client.post(
        "/en/policy/feedback/", {"message": MESSAGE, "email": "reader@example.org"}
    )
    assert response.status_code == 302
    feedback = PolicyFeedback.objects.get()
    assert feedback.user is None and feedback.email == "reader@example.org"


def test_anonymous_feedback_is_rate_limited_and_keeps_the_text(client, policy, open_feedback):
    for _ in range(ANONYMOUS_FEEDBACK_PER_HOUR):
        assert client.post("/en/policy/feedback/", {"message": "ok"}).status_code == 302
    response = client.post("/en/policy/feedback/", {"message": MESSAGE})
    assert response.status_code == 429
    assert MESSAGE in response.content.decode()
    assert PolicyFeedback.objects.count() == ANONYMOUS_FEEDBACK_PER_HOUR


def test_a_rejected_form_shows_the_error_and_keeps_what_was_typed(client_for, member, policy):
    response = client_for(member).post(
        "/en/policy/feedback/", {"message": "x" * 5001, "section": "1. Purpose"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "x" * 5001 in html
    assert '<option value="1. Purpose" selected>' in html
    assert not PolicyFeedback.objects.exists()


def test_feedback_is_kept_when_the_mail_server_fails(
    client_for, member, policy, editor, django_capture_on_commit_callbacks
):
    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=SMTPException,
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client_for(member).post("/en/policy/feedback/", {"message": MESSAGE})
    assert response.status_code == 302
    assert PolicyFeedback.objects.filter(message=MESSAGE).exists()


def test_the_policy_links_to_the_complaint_mechanism(client, policy, site):
    settings = SiteSettings.for_site(site)
    settings.complaints_url = "https://example.org/complaints"
    settings.save()
    html = client.get("/en/policy/").content.decode()
    assert '<a href="https://example.org/complaints">How to make a complaint</a>' in html


def test_editors_read_feedback_in_the_admin(editor_client, policy, member):
    feedback = PolicyFeedback.objects.create(page=policy, message=MESSAGE, user=member)
    assert feedback.reference in editor_client.get("/admin/policy-feedback/").content.decode()
    inspect = editor_client.get(f"/admin/policy-feedback/inspect/{feedback.pk}/")
    assert MESSAGE in inspect.content.decode()
    assert editor_client.get("/admin/policy-feedback/new/").status_code in (302, 403, 404)
