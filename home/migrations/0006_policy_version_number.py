"""Policy versions get a number per page (their address, /versions/3/) and one adoption date
shared by every language of a version (before, each translation showed its own publication
date)."""

from django.db import migrations, models
from django.utils import timezone


def number_and_date(apps, schema_editor):
    PolicyVersion = apps.get_model("home", "PolicyVersion")
    first_by_label = {}
    numbers = {}
    for version in PolicyVersion.objects.select_related("page").order_by("published_at", "pk"):
        numbers[version.page_id] = numbers.get(version.page_id, 0) + 1
        version.number = numbers[version.page_id]
        key = (version.page.translation_key, version.version_label)
        day = timezone.localdate(version.published_at)
        if version.version_label:
            day = first_by_label.setdefault(key, day)
        version.adopted_on = day
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
