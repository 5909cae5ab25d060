from django.core.management.base import BaseCommand

from home.mail import deliver_due_mail


class Command(BaseCommand):
    help = "Send queued mail whose next attempt is due (retries while the mail server was down)."

    def handle(self, *args, **options):
        sent = deliver_due_mail.call()
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} queued mail(s)."))
