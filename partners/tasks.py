"""Mail sent in the background. Tasks take ids, never addresses or keys, and re-check state when
they run: a revoked invitation or a withdrawn contact permission sends nothing."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from . import access
from .models import Invitation, Profile


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(template: str, to: str, context: dict, *, reply_to: str = "") -> None:
    subject = render_to_string(f"partners/email/{template}_subject.txt", context)
    body = render_to_string(f"partners/email/{template}_message.txt", context)
    EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[reply_to] if reply_to else None,
    ).send()


@task()
def send_invitation_email(invitation_id: int) -> None:
    """Mail a fresh link for a pending invitation. The key is made here and exists only in the
    mail, so any earlier link for this invitation stops working."""
    invitation = Invitation.objects.select_related("organisation").filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_pending:
        return
    key = invitation.new_key()
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["key_hash", "sent_at"])
    with translation.override(invitation.language):
        url = _absolute(reverse("partners:invitation", args=[key]))
        _send(
            "invitation",
            invitation.email,
            {
                "url": url,
                # A watched mailbox must not learn which unlisted partner someone works with.
                "organisation": invitation.organisation
                if invitation.organisation.is_listed
                else None,
                "expires_at": invitation.expires_at,
            },
        )


@task()
def send_contact_message(sender_id: int, recipient_id: int, message: str) -> None:
    """Relay a member's message to another member who allows direct contact. The recipient's
    address stays hidden; replying reveals it, which the recipient decides."""
    users = get_user_model()._default_manager
    sender = users.filter(pk=sender_id).first()
    profile = Profile.objects.in_directory().select_related("user").filter(user_id=recipient_id)
    profile = profile.first()
    if sender is None or profile is None or not profile.allow_contact:
        return
    if not access.is_member(sender) or not sender.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            "contact",
            profile.user.email,
            {
                "sender_name": sender.profile.public_name,
                "sender_url": _absolute(sender.profile.get_absolute_url()),
                "message": message,
            },
            reply_to=sender.email,
        )
