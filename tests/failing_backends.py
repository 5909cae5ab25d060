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


class FlakyEmailBackend(BaseEmailBackend):
    """A mail server that is down for the first ``failures`` attempts, then takes mail (into
    ``django.core.mail.outbox``, as the test backend does). Set ``failures`` before use."""

    failures = 0
    attempts = 0

    def send_messages(self, email_messages):
        from django.core import mail

        type(self).attempts += 1
        if type(self).attempts <= type(self).failures:
            raise ConnectionRefusedError("The mail server is down")
        mail.outbox.extend(email_messages)
        return len(email_messages)


class RefusingEmailBackend(BaseEmailBackend):
    """A mail server that refuses the recipient, quoting the address back (as SMTP servers do)."""

    def send_messages(self, email_messages):
        import smtplib

        raise smtplib.SMTPRecipientsRefused(
            {address: (550, b"mailbox unavailable") for m in email_messages for address in m.to}
        )
