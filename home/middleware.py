"""Site-wide request handling for every app (the shared base)."""

from django.http import Http404

from .converters import MAX_ID


def _out_of_range(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return not 0 <= value <= MAX_ID
    # Regex patterns (Wagtail's documents, revisions) pass their \d+ ids as text.
    return isinstance(value, str) and value.isascii() and value.isdigit() and int(value) > MAX_ID


class IdRangeMiddleware:
    """A 404 for any URL id that no database row can have, before the view runs.

    Our own patterns use ``<id:…>`` (home.converters), which never matches such a number;
    Wagtail's and allauth's use ``<int:…>``, and a number past 64 bits makes some of their
    lookups fail with a 500 (SQLite cannot even bind it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if any(_out_of_range(value) for value in (*view_args, *view_kwargs.values())):
            raise Http404
        return None
