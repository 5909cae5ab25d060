"""Build a demo site a newcomer can click through. Safe to run twice.

Each app contributes its part in ``<app>/demo.py`` with ``load(command)``, called in the order
of INSTALLED_APPS (home and partners first, the content apps on them).
"""

from importlib import import_module, util

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

PROJECT_APPS = ("home", "partners", "practices", "forum", "events", "search")


class Command(BaseCommand):
    help = "Load demo content and demo accounts (idempotent)."

    def handle(self, *args, **options):
        for app in apps.get_app_configs():
            module_name = f"{app.name}.demo"
            if app.name in PROJECT_APPS and util.find_spec(module_name) is not None:
                with transaction.atomic():
                    import_module(module_name).load(self)
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo content is ready: http://127.0.0.1:8000/"))

    def say(self, message):
        self.stdout.write(message)

    def created(self, message):
        self.stdout.write(self.style.SUCCESS(message))
