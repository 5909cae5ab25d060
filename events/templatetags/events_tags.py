from django import template
from django.utils import formats

from events import timezones

register = template.Library()


@register.filter
def in_zone(moment, zone):
    """The moment as a local time of ``zone`` (then ``|date:…`` or ``|time:…``)."""
    return timezones.in_zone(moment, zone)


@register.filter
def time_in(moment, zone):
    """'14:00', as the clock reads in ``zone`` (Django's ``|time`` would convert back to the
    active zone)."""
    return formats.time_format(timezones.in_zone(moment, zone), "H:i")


@register.filter
def when(moment, zone):
    """Date, time and the zone's name: '9 March 2027, 14:00 (Europe/Zurich, CET)'."""
    return timezones.describe(moment, zone)


@register.filter
def zone_abbreviation(moment, zone):
    return timezones.abbreviation(moment, zone)
