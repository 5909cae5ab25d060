"""Events on the shared surfaces (home.hooks): the home page, the menu, notifications, mail
checks, a member's data export and account deletion, demo content."""

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from home import hooks as home_hooks
from home.translations import other_language, url_in_reader_language
from partners import access

from .models import EventIndexPage, EventPage, Proposal, Registration


def _index_for(request):
    """The events index of the active language (kept with the page-tree chrome)."""
    from home import chrome

    language = translation.get_language()

    def compute():
        pages = EventIndexPage.objects.live().select_related("locale").order_by("path")
        matching = [p for p in pages if p.locale.language_code == language]
        return (matching or list(pages) or [None])[0]

    return chrome._kept(request, ("events:index", language), compute)


@hooks.register(home_hooks.HOME_SECTIONS)
def upcoming_events_on_the_home_page(request):
    index = _index_for(request)
    if index is None or not access.can_view(request.user, index, purpose=access.HOME):
        return None
    events = (
        access.visible(
            EventPage.objects.live().child_of(index).filter(end__gte=timezone.now()),
            request.user,
            purpose=access.HOME,
        )
        .defer_streamfields()
        .select_related("locale")
        .order_by("start", "pk")[:3]
    )
    from .timezones import describe

    return home_hooks.HomeSection(
        title=_("Upcoming events"),
        url=url_in_reader_language(request, index),
        more_label=_("All events"),
        items=[
            {
                "title": event.title,
                "url": event.get_url(request),
                "meta": describe(event.start, event.time_zone),
                "language": other_language(event),
            }
            for event in events
        ],
        order=30,
    )


@hooks.register(home_hooks.MENU_ITEMS)
def events_in_the_menu(request):
    index = _index_for(request)
    if index is None or not access.can_view(request.user, index, purpose=access.READ):
        return []
    url = url_in_reader_language(request, index)
    return [home_hooks.MenuItem(label=_("Events"), url=url, order=60, section=url)]


@hooks.register(home_hooks.NOTIFICATION_KINDS)
def event_notification_kinds():
    """Both kinds point at the event page (the notification is its recipient's own; the
    page's audience decides whether they may still see it)."""
    from partners.notifications import NEVER, NotificationKind

    return [
        NotificationKind(
            name="events.seat_offered",
            verb=_("A seat is offered to you at"),
            target="events.EventPage",
            title=lambda event: event.title,
            url=lambda event: event.url,
            # The offer mail (events.services.send_offer) carries the deadline in the
            # registrant's time zone; the notification is not mailed a second time.
            email=NEVER,
        ),
        NotificationKind(
            name="events.proposal_reviewed",
            verb=_("The organisers reviewed your proposal for"),
            target="events.EventPage",
            title=lambda event: event.title,
            url=lambda event: event.url + event.reverse_subpage("propose_route"),
        ),
    ]


@hooks.register(home_hooks.MAY_SEND_MAIL)
def joining_details_only_to_confirmed_registrants(message) -> bool:
    """Re-checked right before a mail about a registration goes: nothing to someone who has
    left, and the joining details only while the registration is still confirmed."""
    from django.contrib.contenttypes.models import ContentType

    if message.about_type_id != ContentType.objects.get_for_model(Registration).pk:
        return True
    registration = Registration.objects.select_related("event").filter(pk=message.about_id)
    registration = registration.first()
    if registration is None or not registration.is_active:
        return False
    details = registration.event.joining_details.strip()
    if details and registration.status != Registration.Status.CONFIRMED:
        return details not in message.text and details not in message.html
    return True


@hooks.register(home_hooks.DATA_EXPORT)
def event_data(user):
    """A member's registrations, with their own answers (theirs to see)."""
    registrations = Registration.objects.filter(user=user).select_related("event")
    return "events", {
        "registrations": [
            {
                "event": r.event.title,
                "status": r.status,
                "registered_at": r.created_at.isoformat(),
                "time_zone": r.time_zone,
                "dietary": r.dietary,
                "interpretation_language": r.interpretation_language,
                "accessibility": r.accessibility,
                "visa_letter": r.visa_letter,
                "listed_to_participants": r.listed_to_participants,
                "photo_consent": r.photo_consent,
                "recording_consent": r.recording_consent,
            }
            for r in registrations
        ],
        "proposals": [
            {
                "event": p.event.title,
                "title": p.title,
                "abstract": p.abstract,
                "status": p.status,
                "submitted_at": p.created_at.isoformat(),
            }
            for p in Proposal.objects.filter(proposer=user).select_related("event")
        ],
    }


@hooks.register(home_hooks.ACCOUNT_DELETION)
def delete_registrations(user) -> None:
    """A deleted account's registrations and proposals go; seats they held are offered on."""
    from . import services

    for registration in Registration.objects.filter(user=user).select_related("event"):
        services.cancel_registration(registration)
    Registration.objects.filter(user=user).delete()
    # Accepted sessions stay on the agenda (they are the event's); the proposals go.
    Proposal.objects.filter(proposer=user).delete()


@hooks.register(home_hooks.DEMO_CONTENT)
def load_demo_content(command):
    from . import demo

    demo.load(command)
