"""An index on forum posts' primary key as text (PostgreSQL only).

Wagtail's database backend joins its index table to the searched model on
``object_id = id::varchar`` (``object_id`` is text, for every model). The cast keeps the
primary key's index out, so every forum search hashed all posts: 17 ms for a word in 10 of
50,000 posts, before any ranking. With this expression index the planner looks the few
matches up instead (0.3 ms), and a common word is no slower (search/README.md, "Speed").
Posts are the one large table searched; pages are few. On a large live table, create it first
with ``CREATE INDEX CONCURRENTLY`` (same name and expression); this migration then skips it.
"""

from django.db import migrations

NAME = "search_forum_post_id_text"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("forum", "Post")._meta.db_table
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON {table} (((id::varchar(50))::text))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_indexentry_title_body_gin"),
        ("forum", "0005_drafts_bookmarks_notification_switches"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
