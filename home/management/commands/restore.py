from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from home.backup import BackupError, restore_backup
from home.hooks import backup_folders


class Command(BaseCommand):
    help = (
        "Replace the configured database and the folders of files with a backup archive's "
        "content (made by manage.py backup, on the same kind of database)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing what is there."
        )

    def handle(self, *args, archive: Path, yes: bool, **options):
        if not yes:
            database = connections["default"].settings_dict["NAME"]
            folders = ", ".join(backup_folders().values())
            answer = input(
                f"This replaces the database {database} and the folders {folders} with the "
                f"content of {archive}. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was restored.")
        try:
            manifest = restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest.created_at}. Run manage.py migrate if this "
                "code is newer than the backup, then manage.py update_index."
            )
        )
