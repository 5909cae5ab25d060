"""The policy's review cycle: revised one year after adoption, then reviewed every three years.

The next review is due one year after adoption until a review has been recorded (the
"last review" date an editor sets when one is finished), then three years after the last
review. A date an editor enters as "next review" overrides the rule. An overdue review stays
due (and flagged) until a review is recorded, rather than silently moving three years on.
"""

from __future__ import annotations

import datetime

from django.conf import settings

FIRST_REVISION_AFTER_YEARS = 1
REVIEW_EVERY_YEARS = 3


def add_years(day: datetime.date, years: int) -> datetime.date:
    """``day`` moved ``years`` on; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def review_due_date(
    *,
    adopted: datetime.date | None,
    last_reviewed: datetime.date | None,
    set_by_editor: datetime.date | None = None,
) -> datetime.date | None:
    if set_by_editor is not None:
        return set_by_editor
    if last_reviewed is not None:
        return add_years(last_reviewed, REVIEW_EVERY_YEARS)
    if adopted is not None:
        return add_years(adopted, FIRST_REVISION_AFTER_YEARS)
    return None


def reminder_window() -> datetime.timedelta:
    return datetime.timedelta(days=settings.GPE_POLICY_REVIEW_REMINDER_DAYS)


def is_review_approaching(due: datetime.date | None, today: datetime.date) -> bool:
    """Due within the reminder window, or overdue."""
    return due is not None and due - reminder_window() <= today
