"""Times in a named zone: every time GPE shows says which zone it is in."""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _


def valid_zone(name: str | None) -> str | None:
    """``name`` if it is a zoneinfo name, else None (a GET parameter, a form value)."""
    if not name or len(name) > 64:
        return None
    return name if name in zoneinfo.available_timezones() else None


def in_zone(moment: datetime, zone: str) -> datetime:
    return timezone.localtime(moment, zoneinfo.ZoneInfo(zone))


def abbreviation(moment: datetime, zone: str) -> str:
    """The zone's name at that moment (CET, CEST, +03): it changes across DST."""
    return in_zone(moment, zone).tzname() or ""


def describe(moment: datetime, zone: str) -> str:
    """'9 March 2027, 14:00 (Europe/Zurich, CET)' in the active language."""
    local = in_zone(moment, zone)
    return _("%(date)s, %(time)s (%(zone)s, %(abbreviation)s)") % {
        "date": formats.date_format(local, "DATE_FORMAT"),
        "time": formats.time_format(local, "H:i"),
        "zone": zone,
        "abbreviation": local.tzname(),
    }
