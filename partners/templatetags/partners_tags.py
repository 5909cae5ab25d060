from django import template

from home import hooks

register = template.Library()


@register.inclusion_tag("partners/includes/notification_bell.html", takes_context=True)
def notification_bell(context):
    """The bell in the header: the sum of every app's BELL_COUNTS (unread notifications the
    member may still see, counted in one query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {"show": True, "count": hooks.bell_count(user)}


@register.filter
def has_security_key(user) -> bool:
    """Has ``user`` enrolled a security key (WebAuthn)? The sign-in step offers only methods
    the person has."""
    from allauth.mfa.models import Authenticator

    if user is None or not getattr(user, "pk", None):
        return False
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.WEBAUTHN).exists()
