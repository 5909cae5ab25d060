from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write the database and every folder of files (media, private attachments) into one "
        "timestamped archive, readable by its owner only. It holds personal data: store it "
        "encrypted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=Path(settings.BASE_DIR) / "backups",
            help="Where to write the archive (default: backups/ in the project).",
        )

    def handle(self, *args, output_dir: Path, **options):
        try:
            archive = create_backup(output_dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {archive}"))
        return str(archive)
