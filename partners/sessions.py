"""A person's sessions (allauth.usersessions): the others end when the password, an email
address or a second factor changes, and no IP address is kept with them."""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from allauth.usersessions.adapter import get_adapter
from allauth.usersessions.models import UserSession
from django.db.models.signals import pre_save
from django.dispatch import receiver

# allauth requires an address; this one says "not kept".
NO_ADDRESS = "0.0.0.0"  # noqa: S104 - stored, never bound to


def end_other_sessions(request, user) -> int:
    """End every session of ``user`` except the one making ``request``; returns how many."""
    current = getattr(getattr(request, "session", None), "session_key", None)
    others = [
        session
        for session in UserSession.objects.filter(user_id=user.pk)
        if session.session_key != current
    ]
    get_adapter().end_sessions(others)
    return len(others)


@receiver(account_signals.password_changed)
@receiver(account_signals.password_set)
@receiver(account_signals.password_reset)
@receiver(account_signals.email_added)
@receiver(account_signals.email_removed)
@receiver(account_signals.email_changed)
@receiver(mfa_signals.authenticator_added)
@receiver(mfa_signals.authenticator_removed)
@receiver(mfa_signals.authenticator_reset)
def end_sessions_on_security_change(sender, request, user, **kwargs):
    """Someone who took over a session elsewhere must not keep it after the owner changed
    how the account is protected (Django ends them on a password change already)."""
    end_other_sessions(request, user)


@receiver(pre_save, sender=UserSession)
def keep_no_address(sender, instance, **kwargs):
    instance.ip = NO_ADDRESS
