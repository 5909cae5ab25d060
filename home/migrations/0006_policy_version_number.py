"""Policy versions get a number per page (their address, /versions/3/) and one adoption date
shared by every language of a version (before, each translation showed its own publication
date)."""

from django.db import migrations, models
from django.utils import timezone


def number_and_date(apps, schema_editor):
    """As home.policy.services.version_number_and_date (copied: a migration keeps the rule of
    its day), in order of publication."""
    PolicyVersion = apps.get_model("home", "PolicyVersion")
    groups = {}  # translation_key -> [(page_id, number, label, day)]
    for version in PolicyVersion.objects.select_related("page").order_by("published_at", "pk"):
        rows = groups.setdefault(version.page.translation_key, [])
        label = version.version_label
        used_here = {row[1] for row in rows if row[0] == version.page_id}
        same = [row for row in rows if label and row[2] == label]
        day = min((row[3] for row in same), default=None) or timezone.localdate(
            version.published_at
        )
        free = sorted((row[1] for row in same if row[1] not in used_here), reverse=True)
        number = free[0] if free else max((row[1] for row in rows), default=0) + 1
        rows.append((version.page_id, number, label, day))
        version.number, version.adopted_on = number, day
        version.save(update_fields=["number", "adopted_on"])


class Migration(migrations.Migration):
    dependencies = [("home", "0005_outbox_key")]

    operations = [
        migrations.AddField(
            model_name="policyversion",
            name="number",
            field=models.PositiveIntegerField(null=True, verbose_name="number"),
        ),
        migrations.AddField(
            model_name="policyversion",
            name="adopted_on",
            field=models.DateField(null=True, verbose_name="adopted on"),
        ),
        migrations.RunPython(number_and_date, migrations.RunPython.noop),
    ]
