"""Run daily (cron, or the platform's scheduler): safe to run as often as you like."""

from django.core.management.base import BaseCommand

from home.policy.services import send_review_reminders


class Command(BaseCommand):
    help = (
        "Email the Editors once when a policy's review is due within "
        "GPE_POLICY_REVIEW_REMINDER_DAYS days (or overdue)."
    )

    def handle(self, *args, **options):
        sent = send_review_reminders()
        for reminder in sent:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Reminded {reminder.recipient_count} editor(s): page {reminder.page_id}, "
                    f"review due {reminder.due_date:%Y-%m-%d}."
                )
            )
        if not sent:
            self.stdout.write("No reminder to send.")
