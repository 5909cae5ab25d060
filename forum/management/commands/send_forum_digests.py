"""Queue the forum's periodic jobs: the daily digests that are due, the bookmark reminders
that are due, and the deletion of drafts older than ``FORUM_DRAFT_DAYS``. Run it from cron
(or the Procfile's clock) every few minutes: each member who chose a digest gets at most one
every 20 hours, and each reminder is sent once."""

from django.core.management.base import BaseCommand

from forum.tasks import delete_old_drafts, send_bookmark_reminders, send_daily_digests


class Command(BaseCommand):
    help = "Queue the forum digests and bookmark reminders that are due; delete old drafts."

    def handle(self, *args, **options):
        send_daily_digests.enqueue()
        send_bookmark_reminders.enqueue()
        delete_old_drafts.enqueue()
        self.stdout.write(self.style.SUCCESS("Forum digests, reminders and draft cleanup queued."))
