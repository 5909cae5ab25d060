"""Background work for the policy: telling editors that feedback arrived."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task


@task()
def notify_editors_of_feedback(feedback_id: int) -> int:
    """Email the editors a reference and a link to the feedback in the admin.

    The message itself stays in the admin: partners write about sensitive matters, and mail
    passes through servers we do not control. Returns the number of mails sent."""
    from home.models import PolicyFeedback
    from home.policy.services import editor_emails

    feedback = PolicyFeedback.objects.select_related("page").filter(pk=feedback_id).first()
    recipients = editor_emails()
    if feedback is None or not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "feedback": feedback,
            "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("policy_feedback:inspect", args=[feedback.pk]),
        }
        subject = render_to_string("home/email/policy_feedback_subject.txt", context).strip()
        body = render_to_string("home/email/policy_feedback_notification.txt", context)
    messages = [EmailMessage(subject, body, to=[address]) for address in recipients]
    return get_connection().send_messages(messages) or 0
