"""The home app's models: the site's own pages and settings, and the Partnership Policy."""

from .mail import OutboxMessage
from .pages import HomePage, SiteSettings, StandardPage
from .policy import (
    AnnexPage,
    PolicyDocumentPage,
    PolicyFeedback,
    PolicyPage,
    PolicyReviewReminder,
    PolicyVersion,
    RetainedRevision,
)

__all__ = [
    "AnnexPage",
    "HomePage",
    "OutboxMessage",
    "PolicyDocumentPage",
    "PolicyFeedback",
    "PolicyPage",
    "PolicyReviewReminder",
    "PolicyVersion",
    "RetainedRevision",
    "SiteSettings",
    "StandardPage",
]
