from django.core.management.base import BaseCommand

from events import services


class Command(BaseCommand):
    help = (
        "Expire unclaimed seat offers (passing them on), send due reminders and delete "
        "registrants' answers past their time. Safe to run twice; the clock runs it."
    )

    def handle(self, *args, **options):
        expired = services.expire_offers()
        reminded = services.send_reminders()
        purged = services.purge_answers()
        self.stdout.write(
            self.style.SUCCESS(
                f"{expired} offers expired, {reminded} reminders sent, "
                f"{purged} registrations' answers deleted."
            )
        )
