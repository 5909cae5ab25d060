"""Queue the daily forum digests. Run it from cron (or a scheduler) once an hour: each member
who chose a digest gets at most one every 20 hours."""

from django.core.management.base import BaseCommand

from forum.tasks import send_daily_digests


class Command(BaseCommand):
    help = "Queue the daily forum digest emails that are due."

    def handle(self, *args, **options):
        send_daily_digests.enqueue()
        self.stdout.write(self.style.SUCCESS("Forum digests queued."))
