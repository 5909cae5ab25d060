"""Background work for the policy: telling editors that feedback arrived."""

from django.urls import reverse
from django_tasks import task

from home import mail


@task()
def notify_editors_of_feedback(feedback_id: int) -> int:
    """Email the editors a reference and a link to the feedback in the admin.

    The message itself stays in the admin: partners write about sensitive matters, and mail
    passes through servers we do not control. Returns the number of mails queued; run twice,
    each editor still gets one."""
    from home.models import PolicyFeedback
    from home.policy.services import editors

    feedback = PolicyFeedback.objects.select_related("page").filter(pk=feedback_id).first()
    if feedback is None:
        return 0
    context = {
        "feedback": feedback,
        "admin_url": mail.absolute_url(reverse("policy_feedback:inspect", args=[feedback.pk])),
    }
    queued = [
        mail.send_mail(
            to=editor,
            template="home/email/policy_feedback",
            context=context,
            key=f"policy-feedback:{feedback.pk}:{editor.pk}",
        )
        for editor in editors()
    ]
    return sum(1 for message in queued if message is not None)
