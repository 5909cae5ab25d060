"""Backends that fail, to prove a failure elsewhere never loses a post."""

from django.core.mail.backends.base import BaseEmailBackend
from wagtail.search.backends.database import DatabaseSearchBackend


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("The mail server is down")


class FailingSearchBackend(DatabaseSearchBackend):
    """Every index update and every search raises, as an unreachable search server would."""

    def add(self, obj):
        raise ConnectionError("The search server is down")

    def add_bulk(self, model, obj_list):
        raise ConnectionError("The search server is down")

    def delete(self, obj):
        raise ConnectionError("The search server is down")

    def search(self, *args, **kwargs):
        raise ConnectionError("The search server is down")
