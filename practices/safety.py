"""Safety before publishing: a practice that contains identifying details (names of survivors
or staff, exact locations, photos of people) is never published to the public audience."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

REFUSAL = _(
    "This practice is marked as containing identifying details (names, exact locations, "
    "photos of people), so it cannot be published to the public. Restrict it to members or "
    "groups under Privacy, or remove the details and untick “contains identifying details”."
)


def is_public(page: Page) -> bool:
    """No view restriction on the page or above it (a new page: above its parent)."""
    if page.pk is None or not page.path:
        return True
    ancestors = [page.path[:i] for i in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    return not PageViewRestriction.objects.filter(page__path__in=ancestors).exists()


def may_publish(page) -> bool:
    return not (getattr(page, "contains_identifying_details", False) and is_public(page))


def check_may_publish(page) -> None:
    """Raise ValidationError (with a translated message) if ``page`` may not go live as it is."""
    if not may_publish(page):
        raise ValidationError(REFUSAL, code="identifying-details")
