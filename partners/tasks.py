"""Mail sent in the background. Tasks take ids, never addresses or keys, and re-check state when
they run: a revoked invitation or a withdrawn contact permission sends nothing."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from home.mail import absolute_url, is_queued, send_mail

from . import access
from .models import Invitation, Profile


@task()
def send_invitation_email(invitation_id: int, request: str = "") -> None:
    """Mail a fresh link for a pending invitation. The key is made here and exists only in the
    mail, so any earlier link for this invitation stops working.

    ``request`` names the invitation or resend that queued this task: run twice, the task
    sends one mail (a second would also kill the first mail's link)."""
    invitation = Invitation.objects.select_related("organisation").filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_pending:
        return
    once = f"invitation:{invitation.pk}:{request}" if request else ""
    if once and is_queued(once):
        return
    key = invitation.new_key()
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["key_hash", "sent_at"])
    send_mail(
        to=invitation.email,
        language=invitation.language,
        template="partners/email/invitation",
        context=lambda: {
            "url": absolute_url(reverse("partners:invitation", args=[key])),
            # A watched mailbox must not learn which unlisted partner someone works with.
            "organisation": invitation.organisation if invitation.organisation.is_listed else None,
            "expires_at": invitation.expires_at,
        },
        key=once,
    )


@task()
def send_contact_message(
    sender_id: int, recipient_id: int, message: str, request: str = ""
) -> None:
    """Relay a member's message to another member who allows direct contact. The recipient's
    address stays hidden; replying reveals it, which the recipient decides. ``request`` names
    the sending: run twice, the message is relayed once."""
    users = get_user_model()._default_manager
    sender = users.filter(pk=sender_id).first()
    profile = Profile.objects.in_directory().select_related("user").filter(user_id=recipient_id)
    profile = profile.first()
    if sender is None or profile is None or not profile.allow_contact:
        return
    if not access.is_member(sender) or not sender.email:
        return
    send_mail(
        to=profile.user,
        template="partners/email/contact",
        context=lambda: {
            "sender_name": sender.profile.public_name,
            "sender_url": absolute_url(sender.profile.get_absolute_url()),
            "message": message,
        },
        reply_to=sender.email,
        key=f"contact:{request}" if request else "",
    )
