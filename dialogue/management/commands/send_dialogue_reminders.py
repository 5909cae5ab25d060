"""Queue the reminders before due dates of agreed actions and plan activities. The clock runs
it; each reminder goes once."""

from django.core.management.base import BaseCommand

from dialogue.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Queue the reminders for agreed actions and plan activities that are due soon."

    def handle(self, *args, **options):
        send_due_reminders.enqueue()
        self.stdout.write(self.style.SUCCESS("Partnership space reminders queued."))
