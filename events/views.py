"""The event pages' routes (called from the page models' RoutablePageMixin routes): thin
views that check, call a service and render."""

from __future__ import annotations

import csv
import zoneinfo
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from partners import access

from . import ics, services
from .forms import MessageForm, MoveForm, ProposalForm, RegistrationForm, ReviewForm
from .models import AnswerSummary, EventPage, OrganiserAction, Proposal, Registration
from .permissions import check_can_register, check_is_organiser, is_organiser
from .timezones import in_zone, valid_zone

# --- The index ----------------------------------------------------------------------------


def _year(request) -> int | None:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return None
    return year if 1990 <= year <= 2200 else None


def event_index(index, request):
    """Upcoming events (soonest first) and past ones (latest first), optionally of one year."""
    now = timezone.now()
    events = access.visible(
        EventPage.objects.live().child_of(index), request.user, purpose=access.READ
    )
    years = [moment.year for moment in events.dates("start", "year", order="DESC")]
    year = _year(request)
    shown = events.filter(start__year=year) if year else events
    shown = shown.defer_streamfields().defer("joining_details")
    return index.render(
        request,
        context_overrides={
            "upcoming": list(shown.filter(end__gte=now).order_by("start", "pk")),
            "past": list(shown.filter(end__lt=now).order_by("-start", "-pk")[:100]),
            "years": years,
            "year": year,
        },
    )


def event_feed(index, request):
    """Upcoming public events as iCalendar: what anyone may see, never joining details."""
    events = access.visible(
        EventPage.objects.live().child_of(index).filter(end__gte=timezone.now()),
        AnonymousUser(),
        purpose=access.FEED,
    ).order_by("start", "pk")
    return _calendar_response(ics.calendar_for(events), "events.ics")


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- The event ----------------------------------------------------------------------------


def _source(page, request):
    """The event in the site's default language: registrations, the waitlist and proposals
    belong to the event, not to one translation of its page. Free for pages in the default
    language (the default locale's id is kept with the page-tree chrome); one query on a
    translation."""
    from django.conf import settings
    from wagtail.models import Locale

    from home import chrome

    default = chrome._kept(
        request,
        ("events:default-locale",),
        lambda: (
            Locale.objects.filter(language_code=settings.LANGUAGE_CODE)
            .values_list("pk", flat=True)
            .first()
        ),
    )
    if default is None or page.locale_id == default:
        return page
    source = EventPage.objects.filter(
        translation_key=page.translation_key, locale_id=default
    ).first()
    return source or page


def _registration(event, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def _timetable(sessions, zone: str, user) -> list[dict]:
    """Sessions grouped by day, days and times in ``zone``, each with the materials ``user``
    may open (``session.shown_materials``)."""
    sessions = list(sessions)
    materials = services.session_materials(sessions, user)
    for session in sessions:
        session.shown_materials = materials.get(session.pk, [])
    days = []
    for day, items in groupby(sessions, key=lambda s: in_zone(s.start, zone).date()):
        days.append({"date": day, "sessions": list(items)})
    return days


def event(page, request, *, form=None, full=False):
    zone = valid_zone(request.GET.get("tz"))
    display_zone = zone or page.time_zone
    user = request.user
    source = _source(page, request)
    registration = _registration(source, user)
    confirmed = registration is not None and registration.status == Registration.Status.CONFIRMED
    may_register = access.is_member(user) and page.registration_is_open()
    if form is None and may_register and (registration is None or not registration.is_active):
        form = RegistrationForm(event=page, initial={"time_zone": display_zone})
    context = {
        "display_zone": display_zone,
        "reader_zone": zone,
        "own_zone": registration.time_zone if registration else None,
        "days": _timetable(page.sessions.all(), display_zone, user),
        "outcome_pages": services.outcome_pages(page, user),
        "registration": registration,
        "confirmed": confirmed,
        "joining_details": page.joining_details if confirmed else "",
        "seats_left": services.seats_left(source),
        "may_register": may_register,
        "form": form,
        "full": full,
        "place": services.waitlist_place(registration) if registration else None,
        "participants": list(source.registrations.participant_list()) if confirmed else [],
        "is_organiser": is_organiser(user),
        "may_propose": access.is_member(user) and page.proposals_open(),
        "now": timezone.now(),
    }
    return page.render(request, context_overrides=context)


def time_zone(page, request):
    """Pick the zone to read the times in: a plain GET form back to the page (no script)."""
    return page.render(
        request,
        template="events/time_zone.html",
        context_overrides={
            "zones": sorted(zoneinfo.available_timezones()),
            "current": valid_zone(request.GET.get("tz")) or page.time_zone,
        },
    )


def _back(page, request):
    return redirect(page.get_url(request))


def register(page, request):
    if request.method != "POST":
        return _back(page, request)
    check_can_register(request.user)
    if not page.registration_is_open():
        messages.error(request, _("Registration for this event is not open."))
        return _back(page, request)
    form = RegistrationForm(request.POST, event=page)
    if not form.is_valid():
        return event(page, request, form=form)
    try:
        services.register(_source(page, request), request.user, answers=form.answers())
    except services.EventFull:
        # The last seat went to someone else a moment ago: say so and offer the waitlist.
        return event(page, request, form=form, full=True)
    messages.success(request, _("You are registered. A confirmation is on its way by email."))
    return _back(page, request)


def waitlist(page, request):
    if request.method != "POST":
        return _back(page, request)
    check_can_register(request.user)
    if not page.registration_is_open():
        messages.error(request, _("Registration for this event is not open."))
        return _back(page, request)
    form = RegistrationForm(request.POST, event=page)
    if not form.is_valid():
        return event(page, request, form=form, full=True)
    registration = services.join_waitlist(
        _source(page, request), request.user, answers=form.answers()
    )
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("A seat was free: you are registered."))
    else:
        messages.success(request, _("You are on the waitlist."))
    return _back(page, request)


def cancel(page, request):
    if request.method != "POST":
        return _back(page, request)
    registration = _registration(_source(page, request), request.user)
    if registration is None:
        raise Http404
    services.cancel_registration(registration)
    messages.success(request, _("Your registration is cancelled."))
    return _back(page, request)


def claim(page, request):
    if request.method != "POST":
        return _back(page, request)
    registration = _registration(_source(page, request), request.user)
    if registration is None:
        raise Http404
    try:
        services.claim_offer(registration)
    except services.OfferExpired:
        messages.error(request, _("This offer has expired and the seat has passed on."))
    else:
        messages.success(request, _("The seat is yours. A confirmation is on its way by email."))
    return _back(page, request)


def leave(page, request, token):
    """The one link in every waitlist mail: a page with one button (a GET changes nothing,
    so mail scanners that follow links do no harm)."""
    registration = get_object_or_404(Registration, event=_source(page, request), leave_token=token)
    if request.method == "POST":
        services.cancel_registration(registration)
        return page.render(request, template="events/left.html", context_overrides={"left": True})
    return page.render(
        request,
        template="events/left.html",
        context_overrides={"left": not registration.is_active, "registration": registration},
    )


def ics_file(page, request):
    registration = _registration(_source(page, request), request.user)
    confirmed = registration is not None and registration.status == Registration.Status.CONFIRMED
    return _calendar_response(
        ics.calendar_for([page], with_joining_details=confirmed), f"{page.slug}.ics"
    )


# --- Organisers ---------------------------------------------------------------------------


def organisers(page, request, *, move_form=None, message_form=None):
    check_is_organiser(request.user)
    source = _source(page, request)
    registrations = list(source.registrations.for_organisers())
    by_status = {status: [] for status in Registration.Status.values}
    for registration in registrations:
        by_status[registration.status].append(registration)
    by_status[Registration.Status.WAITLISTED].sort(
        key=lambda r: (r.waitlist_position or 0, r.created_at, r.pk)
    )
    return page.render(
        request,
        template="events/organisers.html",
        context_overrides={
            "confirmed": by_status[Registration.Status.CONFIRMED],
            "offered": by_status[Registration.Status.OFFERED],
            "waitlisted": by_status[Registration.Status.WAITLISTED],
            "others": by_status[Registration.Status.CANCELLED]
            + by_status[Registration.Status.EXPIRED],
            "actions": list(
                OrganiserAction.objects.filter(event=source).select_related(
                    "organiser__profile", "registration__user__profile"
                )[:50]
            ),
            "summary": AnswerSummary.objects.filter(event=source).first(),
            "move_form": move_form or MoveForm(),
            "message_form": message_form or MessageForm(),
            "questions": page.questions(),
        },
    )


def _cell(value) -> str:
    """No spreadsheet formulas from user text (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export(page, request):
    """CSV of the registrations. Only those who agreed to be listed, unless the organiser asks
    for the full list, which is logged."""
    check_is_organiser(request.user)
    full = request.GET.get("full") == "1"
    source = _source(page, request)
    registrations = source.registrations.for_organisers().exclude(
        status__in=[Registration.Status.CANCELLED, Registration.Status.EXPIRED]
    )
    if full:
        services.full_export_logged(source, organiser=request.user)
    else:
        registrations = registrations.filter(listed_to_participants=True)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}-registrations.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Display name"),
            _("Email"),
            _("Status"),
            _("Waitlist position"),
            _("Dietary needs"),
            _("Interpretation language"),
            _("Accessibility needs"),
            _("Visa letter"),
            _("Photo consent"),
            _("Recording consent"),
            _("Listed to participants"),
        ]
    )
    for r in registrations:
        writer.writerow(
            [
                _cell(r.user.profile.public_name),
                _cell(r.user.email),
                r.get_status_display(),
                r.waitlist_position or "",
                _cell(r.dietary),
                _cell(r.interpretation_language),
                _cell(r.accessibility),
                _("yes") if r.visa_letter else _("no"),
                _("yes") if r.photo_consent else _("no"),
                _("yes") if r.recording_consent else _("no"),
                _("yes") if r.listed_to_participants else _("no"),
            ]
        )
    return response


def proposals_export(page, request):
    """CSV of the proposals for the organisers. With an anonymised review the proposer is left
    out entirely (no column at all), as on every other reviewer surface."""
    check_is_organiser(request.user)
    anonymous = page.anonymous_review
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}-proposals.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ([] if anonymous else [_("Proposer")])
        + [
            _("Title"),
            _("Abstract"),
            _("Format"),
            _("Language"),
            _("Link to practices"),
            _("Status"),
            _("Note to the proposer"),
            pgettext("submission date", "Submitted"),
        ]
    )
    for proposal in _source(page, request).proposals.for_export(anonymous=anonymous):
        writer.writerow(
            ([] if anonymous else [_cell(proposal.proposer.profile.public_name)])
            + [
                _cell(proposal.title),
                _cell(proposal.abstract),
                proposal.get_kind_display(),
                _cell(proposal.language),
                _cell(proposal.practice_url),
                proposal.get_status_display(),
                _cell(proposal.organiser_note),
                proposal.created_at.isoformat(),
            ]
        )
    return response


def message(page, request):
    check_is_organiser(request.user)
    if request.method != "POST":
        return redirect(page.get_url(request) + page.reverse_subpage("organisers_route"))
    form = MessageForm(request.POST)
    if not form.is_valid():
        return organisers(page, request, message_form=form)
    sent = services.message_registrants(
        _source(page, request),
        audience=form.cleaned_data["audience"],
        subject=form.cleaned_data["subject"],
        text=form.cleaned_data["text"],
        organiser=request.user,
    )
    messages.success(request, _("Message sent to %(count)s people.") % {"count": sent})
    return redirect(page.get_url(request) + page.reverse_subpage("organisers_route"))


def move(page, request, pk):
    check_is_organiser(request.user)
    registration = get_object_or_404(
        Registration, pk=pk, event=_source(page, request), status=Registration.Status.WAITLISTED
    )
    if request.method != "POST":
        return redirect(page.get_url(request) + page.reverse_subpage("organisers_route"))
    form = MoveForm(request.POST)
    if not form.is_valid():
        return organisers(page, request, move_form=form)
    services.move_on_waitlist(
        registration,
        position=form.cleaned_data["position"],
        reason=form.cleaned_data["reason"],
        organiser=request.user,
    )
    messages.success(request, _("The waitlist place is changed and logged."))
    return redirect(page.get_url(request) + page.reverse_subpage("organisers_route"))


# --- Call for contributions ------------------------------------------------------------------


def propose(page, request):
    check_can_register(request.user)
    if not page.proposals_open():
        raise Http404
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.submit_proposal(_source(page, request), request.user, data=form.cleaned_data)
        messages.success(request, _("Thank you: your proposal is with the organisers."))
        return redirect(page.get_url(request))
    mine = list(
        _source(page, request).proposals.filter(proposer=request.user).order_by("-created_at")
    )
    return page.render(
        request,
        template="events/propose.html",
        context_overrides={"form": form, "mine": mine},
    )


def proposals(page, request, *, failed=None):
    """The reviewers' list. With an anonymised review the proposer is not in the context at
    all, so no template can show them."""
    check_is_organiser(request.user)
    rows = list(_source(page, request).proposals.for_review())
    items = [
        {
            "proposal": proposal,
            "proposer": None if page.anonymous_review else proposal.proposer.profile.public_name,
            "form": failed[1]
            if failed and failed[0] == proposal.pk
            else ReviewForm(initial={"start": page.start, "end": page.start}),
        }
        for proposal in rows
    ]
    return page.render(
        request,
        template="events/proposals.html",
        context_overrides={"items": items, "anonymous": page.anonymous_review},
    )


def review(page, request, pk):
    check_is_organiser(request.user)
    proposal = get_object_or_404(Proposal, pk=pk, event=_source(page, request))
    if request.method != "POST":
        return redirect(page.get_url(request) + page.reverse_subpage("proposals_route"))
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return proposals(page, request, failed=(proposal.pk, form))
    services.review_proposal(
        proposal,
        decision=form.cleaned_data["decision"],
        note=form.cleaned_data["note"],
        start=form.cleaned_data["start"],
        end=form.cleaned_data["end"],
        room=form.cleaned_data["room"],
    )
    messages.success(request, _("The decision is recorded and the proposer is told."))
    return redirect(page.get_url(request) + page.reverse_subpage("proposals_route"))
