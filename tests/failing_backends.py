"""Backends that fail, to prove a failure elsewhere never loses a post, a practice or a mail."""

from django.core.mail.backends.base import BaseEmailBackend


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("The mail server is down")


def FailingSearchBackend(params):
    """The site's database backend whose every index update and search raises, as an
    unreachable search server would."""
    from modelsearch.backends.database import SearchBackend

    backend = SearchBackend(params)

    def down(*args, **kwargs):
        raise ConnectionError("The search server is down")

    for name in ("add", "add_bulk", "delete", "search", "autocomplete"):
        setattr(backend, name, down)
    return backend
