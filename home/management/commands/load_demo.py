"""Build a demo site a newcomer can click through. Safe to run twice.

Each app contributes its part through the DEMO_CONTENT plug point (``home.hooks``), called in
the order of INSTALLED_APPS (home and partners first, the content apps on them).
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from home import hooks


class Command(BaseCommand):
    help = "Load demo content and demo accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000/",
            help="Where the demo is served (make run passes its HOST).",
        )
        parser.add_argument(
            "--accounts-file",
            default=str(Path(settings.BASE_DIR) / "demo-accounts.txt"),
            help="Where new demo accounts and their passwords are written (gitignored).",
        )

    def handle(self, *args, **options):
        self._accounts = []
        with transaction.atomic():
            hooks.demo_content(self)
        call_command("update_index", verbosity=0)
        if self._accounts:
            path = Path(options["accounts_file"])
            # Only the person running the demo may read it; new accounts are appended.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as accounts:
                accounts.write("\n\n".join(self._accounts) + "\n\n")
            self.stdout.write(self.style.SUCCESS(f"Demo accounts and passwords: {path}"))
        url = options["url"].rstrip("/") + "/"
        self.stdout.write(self.style.SUCCESS(f"Demo content is ready: {url}"))

    def remember_account(self, text):
        self._accounts.append(text)

    def say(self, message):
        self.stdout.write(message)

    def created(self, message):
        self.stdout.write(self.style.SUCCESS(message))
