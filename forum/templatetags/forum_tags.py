from django import template

from partners import access

from ..models import Notification

register = template.Library()


@register.inclusion_tag("forum/includes/notification_bell.html", takes_context=True)
def notification_bell(context):
    """The bell in the header with the unread count: one query.

    It counts stored rows; notifications about things the member can no longer see are
    deleted when the access changes (forum.signals) and again when the list is opened.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    count = access.visible(Notification.objects.unread(), user, purpose=access.READ).count()
    return {"show": True, "count": count}
