"""The staff groups DESIGN.md names exist on every installation, with access to Wagtail's
admin. Apps add their own permissions (the policy workflow, the forum's moderation log)."""

from django.db import migrations

STAFF_GROUPS = ("Moderators", "Editors", "Event organisers")


def create_staff_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    for name in STAFF_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_organisation_descriptions_invitations_access_requests"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_staff_groups, migrations.RunPython.noop)]
