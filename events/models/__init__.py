from .pages import EventFormat, EventIndexPage, EventPage, EventSession, SessionKind
from .registrations import (
    AnswerSummary,
    OrganiserAction,
    Proposal,
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
    "Proposal",
    "Registration",
    "RegistrationQuerySet",
    "SessionKind",
]
