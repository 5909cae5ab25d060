"""How healthy is the search index: entries per model against the database, pending
retries. ``--retry`` replays the retries that are due (the Procfile's clock can run it)."""

import contextlib

from django.core.management.base import BaseCommand
from django.utils import timezone
from modelsearch import index

from search.models import IndexRetry
from search.tasks import replay


def indexed_counts() -> dict[str, tuple[int, int | None]]:
    """{model label: (rows to index, entries in the index or None when unknown)}.

    The database backends keep ``IndexEntry`` rows per content type; other backends are
    asked through their index's count where they have one."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from partners import access

    backend = get_search_backend()
    inner = getattr(backend, "inner", backend)
    counts = {}
    for model in index.get_indexed_models():
        content_type = ContentType.objects.get_for_model(model)
        rows = model.get_indexed_objects()
        if issubclass(model, Page):
            # Entries carry the most specific type: count each page type's own pages.
            rows = rows.filter(content_type=content_type)
        else:
            # Hidden and deleted rows are kept out of the index (search.indexing).
            with contextlib.suppress(TypeError):  # a model partners.access does not know
                rows = access.shown(rows)
        expected = rows.count()
        found = None
        if "database" in type(inner).__module__:
            from wagtail.search.models import IndexEntry

            found = IndexEntry.objects.filter(content_type=content_type).count()
        counts[model._meta.label] = (expected, found)
    return counts


class Command(BaseCommand):
    help = "Report indexed counts against the database and pending search index retries."

    def add_arguments(self, parser):
        parser.add_argument("--retry", action="store_true", help="Replay the due retries first.")

    def handle(self, *args, retry=False, **options):
        if retry:
            done, failed = replay()
            self.stdout.write(f"Retried: {done} succeeded, {failed} failed again.")
        self.stdout.write(f"{'model':40} {'database':>10} {'index':>10}")
        for label, (expected, found) in sorted(indexed_counts().items()):
            shown = "?" if found is None else str(found)
            mark = "" if found is None or found == expected else "  ≠"
            self.stdout.write(f"{label:40} {expected:>10} {shown:>10}{mark}")
        pending = IndexRetry.objects.count()
        due = IndexRetry.objects.filter(next_attempt_at__lte=timezone.now()).count()
        style = self.style.WARNING if pending else self.style.SUCCESS
        self.stdout.write(style(f"Pending retries: {pending} ({due} due now)"))
