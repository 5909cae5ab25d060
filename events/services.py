"""Registration, the waitlist and the organisers' actions. Every change that can race (the
last seat, a claimed offer, an expiring offer) runs inside a transaction holding the event's
row lock (``select_for_update``), so two people never get the same seat."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone, translation
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model
from wagtail.models import Page

from home import mail
from partners import access
from partners.notifications import notify

from . import ics
from .models import AnswerSummary, EventPage, EventSession, OrganiserAction, Proposal, Registration

ANSWER_FIELDS = ("dietary", "interpretation_language", "accessibility", "visa_letter")
CHOICE_FIELDS = ("listed_to_participants", "photo_consent", "recording_consent", "time_zone")


class EventFull(Exception):
    """The last seat went to someone else: the caller offers the waitlist."""


class OfferExpired(Exception):
    """The offered seat was not claimed in time and has passed on."""


def _lock(event: EventPage) -> EventPage:
    """The event's row, locked until the transaction ends (PostgreSQL; SQLite serialises
    writers by itself)."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


def seats_left(event: EventPage, *, now=None) -> int | None:
    """Free seats, or None when the event has no limit."""
    if event.capacity is None:
        return None
    taken = event.registrations.holding_seats(now).count()
    return max(event.capacity - taken, 0)


def _apply(registration: Registration, event: EventPage, answers: dict) -> None:
    allowed = {name for name in ANSWER_FIELDS if name in event.questions()} | set(CHOICE_FIELDS)
    for name, value in answers.items():
        if name in allowed:
            setattr(registration, name, value)


def _active_or_new(event: EventPage, user) -> tuple[Registration, bool]:
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is None:
        return Registration(event=event, user=user), True
    return registration, False


def register(event: EventPage, user, *, answers: dict | None = None) -> Registration:
    """Take a seat. Raises ``EventFull`` when none is left (the waitlist is the next step).
    Registering twice returns the existing registration."""
    with transaction.atomic():
        event = _lock(event)
        registration, _new = _active_or_new(event, user)
        if registration.is_active:
            return registration
        if event.capacity is not None and seats_left(event) <= 0:
            raise EventFull
        _apply(registration, event, answers or {})
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.waitlist_position = None
        registration.offer_expires_at = None
        registration.save()
        transaction.on_commit(lambda: send_confirmation(registration))
    return registration


def join_waitlist(event: EventPage, user, *, answers: dict | None = None) -> Registration:
    """Queue for a seat: last in the fair order. Takes a seat at once if one is free."""
    with transaction.atomic():
        event = _lock(event)
        registration, _new = _active_or_new(event, user)
        if registration.is_active:
            return registration
        if event.capacity is None or seats_left(event) > 0:
            return register(event, user, answers=answers)
        _apply(registration, event, answers or {})
        last = event.registrations.aggregate(last=Max("waitlist_position"))["last"] or 0
        registration.status = Registration.Status.WAITLISTED
        registration.waitlist_position = last + 1
        registration.offer_expires_at = None
        registration.save()
    return registration


def cancel_registration(registration: Registration) -> Registration:
    """The registrant leaves (a seat, an offer or the waitlist); a freed seat is offered on."""
    with transaction.atomic():
        event = _lock(registration.event)
        registration.refresh_from_db()
        if not registration.is_active:
            return registration
        registration.status = Registration.Status.CANCELLED
        registration.waitlist_position = None
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "waitlist_position", "offer_expires_at"])
        offer_next_seats(event)
    return registration


def claim_offer(registration: Registration, *, now=None) -> Registration:
    """Take the seat held for you. Raises ``OfferExpired`` once its time is up."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(registration.event)
        registration.refresh_from_db()
        if registration.status == Registration.Status.CONFIRMED:
            return registration
        if (
            registration.status != Registration.Status.OFFERED
            or registration.offer_expires_at <= now
        ):
            raise OfferExpired
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.offer_expires_at = None
        registration.waitlist_position = None
        registration.save()
        registration.event = event
        transaction.on_commit(lambda: send_confirmation(registration))
    return registration


def offer_next_seats(event: EventPage, *, now=None) -> list[Registration]:
    """Offer every free seat to the next people on the waitlist, in order. Call with the
    event's row locked."""
    now = now or timezone.now()
    if event.capacity is None or event.start <= now:
        return []
    free = seats_left(event, now=now)
    offered = []
    for registration in event.registrations.waitlisted()[:free]:
        registration.status = Registration.Status.OFFERED
        registration.offer_expires_at = now + event.offer_duration
        registration.save(update_fields=["status", "offer_expires_at"])
        registration.event = event
        offered.append(registration)
        transaction.on_commit(lambda registration=registration: send_offer(registration))
    return offered


def expire_offers(*, now=None) -> int:
    """Offers past their time expire and pass to the next person. Safe to run twice (and at
    once): each event is re-read under its lock."""
    now = now or timezone.now()
    expired = 0
    event_ids = set(Registration.objects.expired_offers(now).values_list("event_id", flat=True))
    for event_id in event_ids:
        with transaction.atomic():
            event = _lock(EventPage(pk=event_id))
            expired += event.registrations.expired_offers(now).update(
                status=Registration.Status.EXPIRED, waitlist_position=None
            )
            offer_next_seats(event, now=now)
    return expired


def move_on_waitlist(
    registration: Registration, *, position: int, reason: str, organiser
) -> Registration:
    """An organiser puts someone at ``position`` (1 = next) with a reason, kept in the log."""
    if not reason.strip():
        raise ValueError("A reason is required to change a place on the waitlist.")
    with transaction.atomic():
        event = _lock(registration.event)
        queue = list(event.registrations.waitlisted())
        old = next(index for index, r in enumerate(queue, 1) if r.pk == registration.pk)
        moving = queue.pop(old - 1)
        position = min(max(position, 1), len(queue) + 1)
        queue.insert(position - 1, moving)
        for index, row in enumerate(queue, 1):
            if row.waitlist_position != index:
                Registration.objects.filter(pk=row.pk).update(waitlist_position=index)
        OrganiserAction.objects.create(
            event=event,
            registration=registration,
            organiser=organiser,
            action=OrganiserAction.Action.MOVE,
            reason=reason.strip(),
            details={"from": old, "to": position},
        )
    registration.refresh_from_db()
    return registration


def waitlist_place(registration: Registration) -> int | None:
    """1 for the next in line."""
    if (
        registration.status != Registration.Status.WAITLISTED
        or registration.waitlist_position is None
    ):
        return None
    ahead = (
        Registration.objects.waitlisted()
        .filter(event_id=registration.event_id)
        .filter(
            Q(waitlist_position__lt=registration.waitlist_position)
            | Q(waitlist_position=registration.waitlist_position, pk__lt=registration.pk)
        )
        .count()
    )
    return ahead + 1


# --- Mail -----------------------------------------------------------------------------------


def _context(registration: Registration, **extra):
    """Called inside the reader's language (home.mail), so links and dates are theirs."""
    from .timezones import describe

    def build():
        # The translation in the reader's language where one is live: its title and its URL.
        event = registration.event.localized
        zone = registration.time_zone
        context = {
            "registration": registration,
            "event": event,
            "event_url": mail.absolute_url(event.url),
            "starts": describe(event.start, event.time_zone),
            "starts_yours": describe(event.start, zone) if zone != event.time_zone else "",
            "leave_url": mail.absolute_url(
                event.url + event.reverse_subpage("leave_route", args=[registration.leave_token])
            ),
        }
        if registration.offer_expires_at:
            context["deadline"] = describe(registration.offer_expires_at, zone)
        if registration.status == Registration.Status.CONFIRMED:
            context["joining_details"] = event.joining_details
        context.update(extra)
        return context

    return build


def send_confirmation(registration: Registration):
    """The confirmation, with the event's .ics (joining details included: they are theirs)."""
    with translation.override(mail.language_of(registration.user)):
        calendar = ics.event_calendar(registration.event.localized, with_joining_details=True)
    return mail.send_mail(
        to=registration.user,
        template="events/email/confirmation",
        context=_context(registration),
        about=registration,
        attachments=[("event.ics", calendar, "text/calendar")],
    )


def send_offer(registration: Registration):
    notify(registration.user, kind="events.seat_offered", target=registration.event, email=False)
    return mail.send_mail(
        to=registration.user,
        template="events/email/offer",
        context=_context(registration),
        about=registration,
    )


def send_reminders(*, now=None) -> int:
    """Remind confirmed registrants ``reminder_hours`` before the start. Each registration
    is claimed with a conditional update first, so a second run (or a parallel one) sends
    nothing twice."""
    now = now or timezone.now()
    due = (
        Registration.objects.confirmed()
        .filter(reminded_at__isnull=True, event__start__gt=now, event__reminder_hours__gt=0)
        .select_related("event", "user__profile")
    )
    sent = 0
    for registration in due:
        if registration.event.start - timedelta(hours=registration.event.reminder_hours) > now:
            continue
        claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if claimed:
            mail.send_mail(
                to=registration.user,
                template="events/email/reminder",
                context=_context(registration),
                about=registration,
            )
            sent += 1
    return sent


def message_registrants(
    event: EventPage, *, audience: str, subject: str, text: str, organiser
) -> int:
    """Organisers write to everyone confirmed (``audience="registrants"``) or waiting
    (``"waitlist"``: waitlisted and offered). Logged."""
    registrations = event.registrations.select_related("user__profile")
    if audience == "waitlist":
        registrations = registrations.filter(
            status__in=[Registration.Status.WAITLISTED, Registration.Status.OFFERED]
        )
    else:
        registrations = registrations.confirmed()
    sent = 0
    for registration in registrations:
        registration.event = event
        if mail.send_mail(
            to=registration.user,
            template="events/email/message",
            context=_context(registration, subject=subject, text=text),
            about=registration,
        ):
            sent += 1
    OrganiserAction.objects.create(
        event=event,
        organiser=organiser,
        action=OrganiserAction.Action.MESSAGE,
        details={"audience": audience, "subject": subject, "recipients": sent},
    )
    return sent


# --- After the event ------------------------------------------------------------------------


def purge_answers(*, now=None) -> int:
    """Delete registrants' answers ``purge_after_days`` after each event, keeping counts.
    Safe to run twice: purged registrations are skipped and the counts are kept once."""
    now = now or timezone.now()
    purged = 0
    events = EventPage.objects.filter(registrations__answers_purged_at__isnull=True).distinct()
    for event in events:
        if event.end + timedelta(days=event.purge_after_days) > now:
            continue
        with transaction.atomic():
            event = _lock(event)
            pending = event.registrations.filter(answers_purged_at__isnull=True)
            counts = pending.aggregate(
                registrations=Count("pk"),
                confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
                dietary=Count("pk", filter=~Q(dietary="")),
                interpretation=Count("pk", filter=~Q(interpretation_language="")),
                accessibility=Count("pk", filter=~Q(accessibility="")),
                visa_letter=Count("pk", filter=Q(visa_letter=True)),
            )
            summary, _created = AnswerSummary.objects.get_or_create(event=event)
            summary.counts = {
                key: summary.counts.get(key, 0) + value for key, value in counts.items()
            }
            summary.purged_at = now
            summary.save()
            purged += pending.update(
                dietary="",
                interpretation_language="",
                accessibility="",
                visa_letter=False,
                answers_purged_at=now,
            )
    return purged


def full_export_logged(event: EventPage, *, organiser, reason: str = "") -> None:
    OrganiserAction.objects.create(
        event=event, organiser=organiser, action=OrganiserAction.Action.FULL_EXPORT, reason=reason
    )


# --- Call for contributions ------------------------------------------------------------------


def submit_proposal(event: EventPage, proposer, *, data: dict) -> Proposal:
    return Proposal.objects.create(event=event, proposer=proposer, **data)


def review_proposal(
    proposal: Proposal, *, decision: str, note: str = "", start=None, end=None, room: str = ""
) -> Proposal:
    """Accept (the session joins the agenda in the same step), ask for changes or decline;
    the proposer is told. Reviewers' names are not given, nor the proposer's to reviewers."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        proposal.status = decision
        proposal.organiser_note = note
        if decision == Proposal.Status.ACCEPTED and proposal.session_id is None:
            proposal.session = EventSession.objects.create(
                page_id=proposal.event_id,
                title=proposal.title,
                description=proposal.abstract,
                kind=proposal.kind,
                language=proposal.language,
                start=start,
                end=end,
                room=room,
            )
        proposal.save()
        transaction.on_commit(
            lambda: notify(
                proposal.proposer, kind="events.proposal_reviewed", target=proposal.event
            )
        )
    return proposal


# --- After the event: materials and outcomes ------------------------------------------------


def session_materials(sessions, user) -> dict[int, list[dict]]:
    """Each session's materials that ``user`` may open, in the editors' order: one query for
    the whole agenda (the documents' ids are read from the stored stream, never fetched one
    by one). A document the reader may not see is not even listed."""
    wanted = {}
    for session in sessions:
        for item in session.materials.raw_data:
            value = item.get("value") or {}
            if value.get("document"):
                wanted.setdefault(session.pk, []).append(
                    (value["document"], (value.get("title") or "").strip())
                )
    if not wanted:
        return {}
    ids = {document_id for items in wanted.values() for document_id, _title in items}
    documents = access.visible(
        get_document_model().objects.filter(pk__in=ids), user, purpose=access.READ
    ).in_bulk()
    return {
        session_id: [
            {"title": title or documents[document_id].title, "document": documents[document_id]}
            for document_id, title in items
            if document_id in documents
        ]
        for session_id, items in wanted.items()
    }


def outcome_pages(event: EventPage, user) -> list:
    """The practices and policy pages the outcomes link to, those ``user`` may read, each in
    the reader's language where that translation exists and may be read too: one query."""
    ids = [
        item["value"] for item in event.outcome_links.raw_data if isinstance(item.get("value"), int)
    ]
    if not ids:
        return []
    language = get_supported_content_language_variant(get_language())
    keys = Page.objects.filter(pk__in=ids).values("translation_key")
    pages = access.visible(
        Page.objects.live()
        .filter(Q(pk__in=ids) | Q(translation_key__in=keys, locale__language_code=language))
        .annotate(language=F("locale__language_code")),
        user,
        purpose=access.READ,
    )
    originals, translations = {}, {}
    for page in pages:
        if page.pk in ids:
            originals[page.pk] = page
        if page.language == language:
            translations[page.translation_key] = page
    shown = []
    for page_id in dict.fromkeys(ids):
        original = originals.get(page_id)
        if original is not None:
            shown.append(translations.get(original.translation_key, original))
    return shown
