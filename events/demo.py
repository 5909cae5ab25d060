"""Demo events: the next annual workshop (hybrid, a three-day agenda in English and French, a
French translation, full with a waitlist), last year's workshop with its outcomes, and two
webinars. Fictional text, no real people. Safe to run twice."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from home.models import HomePage
from partners.demo import demo_user

from . import services
from .models import EventIndexPage, EventPage, EventSession, Registration

ZONE = "Europe/Zurich"


def _at(day, hour, minute=0, zone=ZONE):
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(zone))


def _paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


def _translate(source, code, **fields):
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        return None
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    if source.get_parent().get_translation_or_none(locale) is None:
        return None
    translation = source.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


AGENDA = [
    # (day, start, end, kind, room, language, title, title in French, speakers)
    (
        0,
        (9, 0),
        (10, 0),
        "plenary",
        "Main hall",
        "English",
        "Opening: where the Partnership Policy stands",
        "Ouverture : où en est la politique de partenariat",
        "Programme team",
    ),
    (0, (10, 0), (10, 30), "break", "", "", "Coffee", "Pause café", ""),
    (
        0,
        (10, 30),
        (12, 30),
        "workshop",
        "Room A / stream 1",
        "French",
        "Ending a partnership well: exit criteria in practice",
        "Bien terminer un partenariat : les critères de sortie en pratique",
        "Two partner organisations from West Africa",
    ),
    (
        0,
        (10, 30),
        (12, 30),
        "workshop",
        "Room B / stream 2",
        "English",
        "Safe documentation: keeping evidence and people safe",
        "Documenter en sécurité : protéger les preuves et les personnes",
        "A forensic documentation network",
    ),
    (0, (12, 30), (14, 0), "break", "", "", "Lunch", "Déjeuner", ""),
    (
        0,
        (14, 0),
        (16, 0),
        "plenary",
        "Main hall",
        "French",
        "Annual dialogues: what the four principles looked like this year",
        "Dialogues annuels : les quatre principes cette année",
        "Dialogue facilitators",
    ),
    (
        1,
        (9, 0),
        (11, 0),
        "workshop",
        "Room A / stream 1",
        "English",
        "South–south exchange: monitoring places of detention",
        "Échange sud–sud : surveiller les lieux de détention",
        "Detention monitoring working group",
    ),
    (1, (11, 0), (11, 30), "break", "", "", "Coffee", "Pause café", ""),
    (
        1,
        (11, 30),
        (13, 0),
        "workshop",
        "Room B / stream 2",
        "French",
        "Rehabilitation services after funding ends",
        "Les services de réadaptation après la fin du financement",
        "Rehabilitation centres' panel",
    ),
    (
        2,
        (9, 0),
        (11, 0),
        "plenary",
        "Main hall",
        "English",
        "Recommendations for the next policy revision",
        "Recommandations pour la prochaine révision de la politique",
        "Rapporteurs of the workshops",
    ),
    (
        2,
        (11, 0),
        (12, 0),
        "plenary",
        "Main hall",
        "French",
        "Closing and evaluation",
        "Clôture et évaluation",
        "Programme team",
    ),
]


def _index(command, home):
    index = EventIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = home.add_child(
            instance=EventIndexPage(
                title="Events",
                slug="events",
                intro="The annual GPE workshop and the exchange's webinars.",
            )
        )
        index.save_revision().publish()
        command.created("Created the events index.")
    _translate(index, "fr", title="Événements", intro="L'atelier annuel du GPE et les webinaires.")
    _translate(index, "es", title="Eventos", intro="El taller anual del GPE y los seminarios web.")
    _translate(
        index, "ar", title="الفعاليات", intro="ورشة العمل السنوية للتبادل والندوات عبر الإنترنت."
    )
    return index


def _event(command, index, slug, **fields) -> tuple[EventPage, bool]:
    event = EventPage.objects.filter(slug=slug, locale=index.locale).first()
    if event is not None:
        return event, False
    sessions = fields.pop("sessions", [])
    event = EventPage(slug=slug, **fields)
    for session in sessions:
        event.sessions.add(session)
    index.add_child(instance=event)
    event.save_revision().publish()
    command.created(f"Created the event '{event.title}'.")
    return event, True


def _workshop(command, index, year: int, first_day, *, past: bool):
    sessions = []
    french = {}
    for day, start, end, kind, room, language, title, title_fr, speakers in AGENDA:
        date = first_day + timedelta(days=day)
        sessions.append(
            EventSession(
                title=title,
                start=_at(date, *start),
                end=_at(date, *end),
                kind=kind,
                room=room,
                language=language,
                interpretation="" if kind == "break" else "Arabic, Spanish",
                speakers=speakers,
                description=""
                if kind == "break"
                else "Short inputs, then small groups; notes are shared with participants.",
            )
        )
        french[title] = title_fr
    event, created = _event(
        command,
        index,
        f"gpe-workshop-{year}",
        title=f"GPE workshop {year}",
        summary="The annual workshop where partners assess how the Partnership Policy is "
        "implemented and how to strengthen it.",
        body=_paragraph(
            "Three days of plenaries and workshops in English and French, with interpretation "
            "into Arabic and Spanish. Participants can join in person or online."
        ),
        start=_at(first_day, 9),
        end=_at(first_day + timedelta(days=2), 12),
        time_zone=ZONE,
        format="hybrid",
        venue="Conference centre by the lake (address in the confirmation email)",
        joining_details="Online stream: https://meet.gpe.example/workshop (passcode in this "
        "email only)",
        languages="English, French",
        interpretation="Arabic, Spanish",
        is_annual_workshop=True,
        workshop_year=year,
        registration_opens_at=timezone.now() - timedelta(days=30),
        registration_closes_at=_at(first_day, 9) - timedelta(days=7),
        capacity=4,
        ask_dietary=True,
        ask_interpretation=True,
        ask_accessibility=True,
        ask_visa_letter=True,
        outcomes=_paragraph(
            "The workshop recommended that exit criteria be agreed in the first year of every "
            "partnership, that rehabilitation partners get a bridging year of support, and "
            "that annual dialogues include a safety review. The recommendations go to the "
            "next revision of the Partnership Policy."
        )
        if past
        else [],
        sessions=sessions,
    )
    if created:
        translation = _translate(
            event,
            "fr",
            title=f"Atelier GPE {year}",
            summary="L'atelier annuel où les partenaires évaluent la mise en œuvre de la "
            "politique de partenariat et la manière de la renforcer.",
        )
        if translation is not None:
            for session in translation.sessions.all():
                session.title = french.get(session.title, session.title)
                session.save(update_fields=["title"])
    return event


def _people(command):
    organiser = demo_user(
        command,
        "organiser@gpe.example",
        display="(event organiser)",
        groups=["Event organisers"],
    )
    members = list(
        get_user_model()
        .objects.filter(memberships__isnull=False, is_active=True, is_superuser=False)
        .exclude(pk=organiser.pk)
        .distinct()
        .order_by("pk")[:6]
    )
    return organiser, members


def load(command):
    home = HomePage.objects.filter(locale__language_code="en").first()
    if home is None:
        return
    index = _index(command, home)
    today = timezone.localdate()
    upcoming = _workshop(
        command,
        index,
        today.year + 1,
        today.replace(month=3, day=23) + timedelta(days=365),
        past=False,
    )
    _workshop(command, index, today.year, today - timedelta(days=120), past=True)
    start = timezone.now() + timedelta(days=21)
    _event(
        command,
        index,
        "webinar-documentation",
        title="Webinar: documenting torture under pressure",
        summary="Practical steps for keeping medical and legal documentation safe when an "
        "organisation is under surveillance.",
        start=start,
        end=start + timedelta(hours=1, minutes=30),
        time_zone="America/Bogota",
        format="online",
        joining_details="https://meet.gpe.example/documentation  passcode 7261",
        languages="Spanish, English",
        interpretation="English",
        registration_opens_at=timezone.now() - timedelta(days=7),
        capacity=100,
        ask_interpretation=True,
    )
    start = timezone.now() + timedelta(days=45)
    _event(
        command,
        index,
        "webinar-phase-out",
        title="Webinar: what phased-out partnerships taught us",
        summary="Partners whose partnerships ended share what they would keep and what they "
        "would change.",
        start=start,
        end=start + timedelta(hours=2),
        time_zone="Africa/Tunis",
        format="online",
        joining_details="https://meet.gpe.example/phase-out  passcode 5530",
        languages="Arabic, French",
        interpretation="English",
        registration_opens_at=timezone.now() - timedelta(days=7),
        capacity=80,
    )
    _registrations(command, upcoming)


def _registrations(command, workshop):
    organiser, members = _people(command)
    if workshop.registrations.exists() or not members:
        return
    for user in members:
        try:
            services.register(
                workshop, user, answers={"listed_to_participants": True, "time_zone": ZONE}
            )
        except services.EventFull:
            services.join_waitlist(workshop, user, answers={"time_zone": ZONE})
    waiting = workshop.registrations.filter(status=Registration.Status.WAITLISTED).count()
    command.created(f"Registered {len(members)} demo members ({waiting} on the waitlist).")
