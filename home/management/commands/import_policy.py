"""python manage.py import_policy FILE.md --locale en

Saves the Markdown policy as a draft revision of the PolicyPage (created the first time) and
its AnnexPages. Nothing is published: editors review the draft and submit it for approval.
The format is described in home/policy/importer.py.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale, Page

from home.policy.importer import PolicyImportError, import_policy, parse_policy


class Command(BaseCommand):
    help = "Import the Partnership Policy from Markdown as a draft (a new revision if it exists)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The Markdown file.")
        parser.add_argument(
            "--locale", default="en", help="Language code of the text (default: en)."
        )
        parser.add_argument(
            "--slug",
            default="",
            help="The policy page's slug; by default made from the title. Pass it when the "
            "title changed, so that the import revises the existing page.",
        )
        parser.add_argument(
            "--parent",
            type=int,
            help="Id of the page to create the policy under (default: the locale's home page).",
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: cannot read the file ({error})") from error
        try:
            parsed = parse_policy(text)
        except PolicyImportError as error:
            raise CommandError(f"{path}: {error}") from error

        locale = Locale.objects.filter(language_code=options["locale"]).first()
        if locale is None:
            raise CommandError(f"There is no locale '{options['locale']}' on this site.")
        parent = None
        if options["parent"] is not None:
            parent = Page.objects.filter(pk=options["parent"]).first()
            if parent is None:
                raise CommandError(f"There is no page with id {options['parent']}.")
        try:
            report = import_policy(parsed, locale=locale, slug=options["slug"], parent=parent)
        except ValueError as error:
            raise CommandError(str(error)) from error

        for page in report.created:
            self.stdout.write(self.style.SUCCESS(f"Created a draft of “{page.title}” ({page.pk})."))
        for page in report.revised:
            self.stdout.write(
                self.style.SUCCESS(f"Saved a new draft of “{page.title}” ({page.pk}).")
            )
        for page in report.unchanged:
            self.stdout.write(f"No changes to “{page.title}” ({page.pk}).")
        for annex in report.not_in_file:
            self.stdout.write(
                self.style.WARNING(
                    f"Annex {annex.number} (“{annex.title}”, {annex.pk}) is not in the file; "
                    "it was left as it is. Unpublish it in the admin if it should go."
                )
            )
        self.stdout.write(
            f"Nothing was published. Review the draft and submit it for approval: "
            f"/admin/pages/{report.policy.pk}/edit/"
        )
