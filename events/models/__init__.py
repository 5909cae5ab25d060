from .pages import EventFormat, EventIndexPage, EventPage, EventSession, SessionKind
from .registrations import (
    AnswerSummary,
    OrganiserAction,
    Registration,
    RegistrationQuerySet,
)

__all__ = [
    "AnswerSummary",
    "EventFormat",
    "EventIndexPage",
    "EventPage",
    "EventSession",
    "OrganiserAction",
    "Registration",
    "RegistrationQuerySet",
    "SessionKind",
]
