from django import template

from home import hooks

register = template.Library()

BELL_LATEST = 5


@register.inclusion_tag("partners/includes/notification_bell.html", takes_context=True)
def notification_bell(context):
    """The bell in the header: the sum of every app's BELL_COUNTS (unread notifications the
    member may still see, counted in one query), opening (``<details>``, no JavaScript) on
    the latest unread ones. Those are loaded only when there are some: one query for the
    list and one per kind of target (partners.notifications.with_targets)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    count = hooks.bell_count(user)
    latest = []
    if count:
        from partners import notifications

        latest = notifications.with_targets(
            list(notifications.visible_to(user).unread().for_list()[:BELL_LATEST])
        )
        for notification in latest:
            notification.shown = notifications.describe(notification, user)
    return {
        "show": True,
        "count": count,
        "latest": latest,
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def has_security_key(user) -> bool:
    """Has ``user`` enrolled a security key (WebAuthn)? The sign-in step offers only methods
    the person has."""
    from allauth.mfa.models import Authenticator

    if user is None or not getattr(user, "pk", None):
        return False
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.WEBAUTHN).exists()
