"""iCalendar (RFC 5545) with the icalendar library: one event, or a feed of events. Times are
written in the event's zone with its VTIMEZONE; joining details only when asked for (a
confirmed registrant's own copy), never in the public files."""

from __future__ import annotations

from collections.abc import Iterable

import icalendar
from django.utils import timezone

from home import mail

from .timezones import in_zone

PRODID = "-//Global Partnership Exchange//Events//EN"


def _uid(event) -> str:
    return f"event-{event.translation_key}@gpe"


def _vevent(event, *, with_joining_details: bool, stamp) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", _uid(event))
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", in_zone(event.start, event.time_zone))
    vevent.add("dtend", in_zone(event.end, event.time_zone))
    vevent.add("summary", event.title)
    url = mail.absolute_url(event.url)
    description = event.summary
    if with_joining_details and event.joining_details:
        description = f"{description}\n\n{event.joining_details}"
    vevent.add("description", description)
    vevent.add("url", url)
    location = event.venue if event.venue else ""
    if with_joining_details and event.joining_details and not location:
        location = event.joining_details.splitlines()[0]
    if location:
        vevent.add("location", location)
    return vevent


def calendar_for(events: Iterable, *, with_joining_details: bool = False) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    stamp = timezone.now()
    for event in events:
        calendar.add_component(
            _vevent(event, with_joining_details=with_joining_details, stamp=stamp)
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_calendar(event, *, with_joining_details: bool = False) -> str:
    return calendar_for([event], with_joining_details=with_joining_details).decode()
