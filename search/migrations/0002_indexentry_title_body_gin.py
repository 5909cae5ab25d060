"""A GIN index on ``title || body`` of Wagtail's search index table (PostgreSQL only).

Wagtail's PostgreSQL backend matches ``(title || body) @@ query``: its GIN indexes on ``title``
and on ``body`` cannot serve that expression, so every search read the whole table. This
expression index can (search/README.md, "Speed"). The table is Wagtail's, so the index is
created here with SQL, and only on PostgreSQL. On a large live table, create it first by hand
with ``CREATE INDEX CONCURRENTLY`` (same name and expression); this migration then skips it.
"""

from django.db import migrations

NAME = "search_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON {table} USING gin ((title || body))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
