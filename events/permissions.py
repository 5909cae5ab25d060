from django.http import Http404

from partners import access

is_organiser = access.is_event_organiser


def check_is_organiser(user) -> None:
    """The organisers' views answer 404 to everyone else: they do not exist for them."""
    if not is_organiser(user):
        raise Http404


def check_can_register(user) -> None:
    """Only partner members register (the page itself may be public)."""
    if not access.is_member(user):
        raise Http404
