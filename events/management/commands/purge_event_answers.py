from django.core.management.base import BaseCommand

from events import services


class Command(BaseCommand):
    help = "Delete registrants' answers the set number of days after each event (counts stay)."

    def handle(self, *args, **options):
        purged = services.purge_answers()
        self.stdout.write(self.style.SUCCESS(f"{purged} registrations' answers deleted."))
