"""Separate from 0006: PostgreSQL does not alter a table with pending updates in the same
transaction."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("home", "0006_policy_version_number")]

    operations = [
        migrations.AlterField(
            model_name="policyversion",
            name="number",
            field=models.PositiveIntegerField(verbose_name="number"),
        ),
        migrations.AlterField(
            model_name="policyversion",
            name="adopted_on",
            field=models.DateField(verbose_name="adopted on"),
        ),
        migrations.AddConstraint(
            model_name="policyversion",
            constraint=models.UniqueConstraint(
                fields=("page", "number"), name="one_policy_version_number"
            ),
        ),
    ]
