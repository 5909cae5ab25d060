"""Build a demo site a newcomer can click through. Safe to run twice.

Each app contributes its part through the DEMO_CONTENT plug point (``home.hooks``), called in
the order of INSTALLED_APPS (home and partners first, the content apps on them).
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from home import hooks


class Command(BaseCommand):
    help = "Load demo content and demo accounts (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            hooks.demo_content(self)
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo content is ready: http://127.0.0.1:8000/"))

    def say(self, message):
        self.stdout.write(message)

    def created(self, message):
        self.stdout.write(self.style.SUCCESS(message))
