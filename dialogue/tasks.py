"""Background work for the partnership spaces: safe to run twice (and at the same time)."""

from django_tasks import task

from . import services


@task()
def send_due_reminders() -> int:
    """Owners of agreed actions and plan activities hear a week before the due date, once."""
    return services.send_reminders()
