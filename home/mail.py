"""Mail: one way to send it. Rendered in the reader's language, kept in a durable outbox,
sent by a background task that retries while the mail server is down, and checked once more
(the MAY_SEND_MAIL plug point: access to what the mail is about) right before it goes.

    send_mail(to=user, template="forum/emails/notification", context={...}, about=post)

renders ``<template>_subject.txt``, ``<template>.txt`` and, if it exists, ``<template>.html``.
``context`` may be a callable: it is then called inside the reader's language, so that
``reverse()`` and ``absolute_url()`` give links in that language.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from . import hooks
from .models.mail import OutboxMessage

logger = logging.getLogger(__name__)

# Pauses between attempts: 1, 2, 4 … minutes, at most 6 hours; then the message is given up.
MAX_ATTEMPTS = 12
MAX_PAUSE = timedelta(hours=6)


def absolute_url(path: str) -> str:
    """The site's public address for ``path`` (links in mails and feeds)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def language_of(user) -> str:
    profile = getattr(user, "profile", None)
    language = getattr(profile, "language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def render(template: str, context: dict | Callable[[], dict], language: str) -> tuple:
    """(subject, text, html) of ``template`` in ``language``."""
    with translation.override(language):
        values = context() if callable(context) else dict(context)
        values.setdefault("site_url", absolute_url(""))
        # A subject is one line: a line break from user text would make the mail refused.
        subject = " ".join(render_to_string(f"{template}_subject.txt", values).split())
        text = render_to_string(f"{template}.txt", values)
        try:
            html = render_to_string(f"{template}.html", values)
        except TemplateDoesNotExist:
            html = ""
    return subject, text, html


def send_mail(
    *,
    to,
    template: str,
    context: dict | Callable[[], dict] | None = None,
    about=None,
    language: str | None = None,
    reply_to: str = "",
    attachments: list[tuple[str, str, str]] = (),
    key: str = "",
) -> OutboxMessage | None:
    """Queue one mail. ``to``: a user (their address and language) or an address (give
    ``language``). Returns the outbox row, or None when there is nobody to send it to.

    ``key`` names the event the mail is for: a second call with the same key (a task that ran
    twice) queues nothing and returns the first call's row."""
    if key and (queued := OutboxMessage.objects.filter(key=key).first()) is not None:
        return queued
    user = None if isinstance(to, str) else to
    address = to if user is None else (user.email if user.is_active else "")
    if not address:
        return None
    language = language or (language_of(user) if user else settings.LANGUAGE_CODE)
    subject, text, html = render(template, context or {}, language)
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                user=user,
                to=address,
                reply_to=reply_to,
                language=language,
                subject=subject[:255],
                text=text,
                html=html,
                about_type=ContentType.objects.get_for_model(about) if about is not None else None,
                about_id=about.pk if about is not None else None,
                attachments=[list(attachment) for attachment in attachments],
                key=key,
            )
    except IntegrityError:
        if not key:
            raise
        return OutboxMessage.objects.get(key=key)  # the same task, running at the same time
    deliver_mail.enqueue(message.pk)
    return message


def is_queued(key: str) -> bool:
    """Whether a mail for this event was queued already (sent or not)."""
    return OutboxMessage.objects.filter(key=key).exists()


def _pause(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** (attempts - 1)), MAX_PAUSE)


def _drop(message: OutboxMessage, reason: str) -> None:
    message.dropped_at = timezone.now()
    message.dropped_because = reason
    message.save(update_fields=["dropped_at", "dropped_because"])


def deliver(message: OutboxMessage) -> bool:
    """Hand one pending message to the mail server. True when it was sent."""
    user = message.user
    if user is not None and (not user.is_active or not user.email):
        _drop(message, OutboxMessage.Dropped.NO_ADDRESS)
        return False
    if not hooks.may_send_mail(message):
        _drop(message, OutboxMessage.Dropped.NO_LONGER_ALLOWED)
        return False
    mail = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email if user is not None else message.to],
        reply_to=[message.reply_to] if message.reply_to else None,
    )
    if message.html:
        mail.attach_alternative(message.html, "text/html")
    for name, content, mimetype in message.attachments:
        mail.attach(name, content, mimetype)
    try:
        mail.send()
    except (smtplib.SMTPException, OSError) as error:
        message.attempts += 1
        message.last_error = type(error).__name__
        message.send_after = timezone.now() + _pause(message.attempts)
        message.save(update_fields=["attempts", "last_error", "send_after"])
        # The error's name only: its text can carry the recipient's address or the server's
        # reply quoting the message.
        logger.warning(
            "Mail %s not sent (attempt %s): %s", message.pk, message.attempts, message.last_error
        )
        if message.attempts >= MAX_ATTEMPTS:
            _drop(message, OutboxMessage.Dropped.GAVE_UP)
        return False
    message.sent_at = timezone.now()
    message.save(update_fields=["sent_at"])
    return True


@task()
def deliver_mail(message_id: int) -> bool:
    """Send one queued message if it is still pending. Safe to run twice: the row is locked
    and a sent message is never sent again."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(of=("self",))
            .select_related("user")
            .pending()
            .filter(pk=message_id)
            .first()
        )
        if message is None:
            return False
        return deliver(message)


@task()
def deliver_due_mail() -> int:
    """Retry every message whose next attempt has come (the clock runs this)."""
    sent = 0
    for message_id in OutboxMessage.objects.due().values_list("pk", flat=True)[:500]:
        sent += deliver_mail.call(message_id)
    return sent
