"""Background work for events: every task is safe to run twice (and at the same time)."""

from django_tasks import task

from . import services


@task()
def expire_offers() -> int:
    """Unclaimed seat offers expire and pass to the next person on the waitlist."""
    return services.expire_offers()


@task()
def send_reminders() -> int:
    return services.send_reminders()


@task()
def purge_answers() -> int:
    return services.purge_answers()
