"""Benchmark data for events (see bench/anchor_site/benchseed.py): the events index in four
languages and ``seed.scale.events`` events (50), one a week from a fixed date, bulk-inserted
and deterministic. Every fifth is a three-day workshop with a 15-session timetable, the
others webinars with three sessions; each has 40 registrations from the seed's members
(36 confirmed, 4 on the waitlist). Bench-only: nothing imports this."""

import datetime
import random
from zoneinfo import ZoneInfo

from django.utils import translation

from home import bench as home_bench

from . import demo
from .models import EventPage, EventSession, Registration, SessionKind

FIRST = datetime.datetime(2026, 9, 7, 9, 0, tzinfo=datetime.UTC)
ZONES = ["Europe/Zurich", "Africa/Nairobi", "America/Bogota", "Asia/Bangkok", "Asia/Beirut"]
REGISTRATIONS, WAITLISTED = 40, 4
WORKSHOP_EVERY = 5


class _Quiet:
    def created(self, message):
        pass


def _sessions(event, number, rng):
    """(start, end, kind, title) rows: three days of five sessions, or three for a webinar."""
    zone = ZoneInfo(event.time_zone)
    days = 3 if number % WORKSHOP_EVERY == 0 else 1
    per_day = 5 if days == 3 else 3
    kinds = [SessionKind.PLENARY, SessionKind.WORKSHOP, SessionKind.BREAK, SessionKind.WORKSHOP]
    rows = []
    for day in range(days):
        for slot in range(per_day):
            start = (event.start + datetime.timedelta(days=day, hours=slot * 1.5)).astimezone(zone)
            kind = kinds[slot % len(kinds)] if per_day == 5 else SessionKind.PLENARY
            rows.append(
                EventSession(
                    page_id=event.pk,
                    sort_order=len(rows),
                    title=home_bench.text(rng, 1)[:80].rstrip("."),
                    description="" if kind == SessionKind.BREAK else home_bench.text(rng, 2),
                    start=start,
                    end=start + datetime.timedelta(hours=1, minutes=15),
                    room=f"Room {'AB'[slot % 2]}" if kind != SessionKind.BREAK else "",
                    speakers="" if kind == SessionKind.BREAK else "Two partner organisations",
                    kind=kind,
                    language="English" if slot % 2 else "French",
                    interpretation="Arabic, Spanish",
                )
            )
    return rows


def bench_seed(seed):
    index = demo._index(_Quiet(), seed.home["en"])
    events = []
    for number in range(seed.scale.events):
        rng = random.Random(10_000 + number)
        workshop = number % WORKSHOP_EVERY == 0
        start = FIRST + datetime.timedelta(weeks=number)
        end = start + datetime.timedelta(days=2, hours=3) if workshop else start
        events.append(
            EventPage(
                title=f"{'Workshop' if workshop else 'Webinar'} {number:02d}: "
                f"{home_bench.text(rng, 1)[:50].rstrip('.')}",
                slug=f"event-{number:02d}",
                summary=home_bench.text(rng, 2)[:500],
                body=[("paragraph", f"<p>{home_bench.text(rng, 5)}</p>")],
                start=start,
                end=end + datetime.timedelta(hours=1, minutes=30),
                time_zone=ZONES[number % len(ZONES)],
                format="hybrid" if workshop else "online",
                venue="Conference centre (address in the confirmation email)" if workshop else "",
                joining_details="https://meet.gpe.example/bench (registrants only)",
                languages="English, French",
                interpretation="Arabic, Spanish",
                is_annual_workshop=False,
                registration_opens_at=start - datetime.timedelta(days=60),
                registration_closes_at=start - datetime.timedelta(days=1),
                capacity=REGISTRATIONS - WAITLISTED,
            )
        )
    home_bench.bulk_add_pages(index, events)
    sessions = []
    for number, event in enumerate(events):
        sessions.extend(_sessions(event, number, random.Random(20_000 + number)))
    EventSession.objects.bulk_create(sessions, batch_size=2000)
    users = seed.users
    registrations = []
    for number, event in enumerate(events):
        for slot in range(REGISTRATIONS):
            user = users[(number * 7 + slot * 11) % len(users)]
            waiting = slot >= REGISTRATIONS - WAITLISTED
            registrations.append(
                Registration(
                    event=event,
                    user=user,
                    status="waitlisted" if waiting else "confirmed",
                    created_at=event.start - datetime.timedelta(days=30, minutes=slot),
                    confirmed_at=None if waiting else event.start - datetime.timedelta(days=30),
                    waitlist_position=slot - (REGISTRATIONS - WAITLISTED) + 1 if waiting else None,
                    time_zone=event.time_zone,
                    listed_to_participants=slot % 3 == 0,
                )
            )
    Registration.objects.bulk_create(registrations, batch_size=5000)
    return {"events": len(events), "sessions": len(sessions), "registrations": len(registrations)}


def bench_pages(seed):
    # The measured event: the middle workshop (25 of 50), so its page carries a full timetable.
    events = EventPage.objects.filter(locale__language_code="en", slug__startswith="event-")
    workshops = [e for e in events.order_by("slug") if int(e.slug[6:]) % WORKSHOP_EVERY == 0]
    event = workshops[len(workshops) // 2]
    with translation.override("en"):
        url = event.url
    return [
        {"name": "event", "path": url},
        {"name": "event_ics", "path": f"{url}calendar/"},
    ]
