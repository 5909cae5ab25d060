"""URL converters. ``<id:pk>`` is ``<int:pk>`` bounded to what a database id can hold: a
larger number matches no URL (a 404) instead of reaching a query that cannot run (a 500)."""

from django.urls import register_converter

MAX_ID = 2**63 - 1  # a signed 64-bit integer: bigint in PostgreSQL, INTEGER in SQLite


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("out of range")  # the resolver takes this as "no match"
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")


class NotIdConverter:
    """Matches a path segment only when it is NOT a valid id: a guard pattern placed before
    a third-party one answers such values with a 404, valid ids fall through to it."""

    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        if value.isascii() and value.isdigit() and int(value) <= MAX_ID:
            raise ValueError("a valid id: not this pattern")
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(NotIdConverter, "not_id")
