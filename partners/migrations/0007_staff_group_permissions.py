"""Each staff group gets exactly the permissions its role needs; nothing else.

Wagtail's initial migrations give a group named "Moderators" add/change/lock/publish on the
root page, images, documents, translations, and make it the approver of the default workflow
on the root page. Our "Moderators" are forum moderators: they keep admin access (for the
moderation log) and nothing on pages. Editors edit and publish pages (the policy still goes
through its own approval workflow), keep images and documents, translations, policy feedback,
the site settings and the forum categories. Event organisers get admin access only: the events
app adds what it needs with its own models.

Idempotent, and re-running it restores the table: anything granted by hand to these groups is
removed. Image and document permissions are collection permissions (Wagtail ignores the
model-level ones), on the root collection.
"""

from django.db import migrations

MODERATORS = "Moderators"
EDITORS = "Editors"
EVENT_ORGANISERS = "Event organisers"

# (app_label, model, codename, name): model-level permissions.
ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
PERMISSIONS = {
    MODERATORS: [
        ACCESS_ADMIN,
        ("forum", "moderationaction", "view_moderationaction", "Can view moderation action"),
    ],
    EDITORS: [
        ACCESS_ADMIN,
        ("wagtail_localize", "translation", "submit_translation", "Can submit translations"),
        ("home", "policyfeedback", "view_policyfeedback", "Can view policy feedback"),
        ("home", "policyfeedback", "change_policyfeedback", "Can change policy feedback"),
        ("home", "sitesettings", "change_sitesettings", "Can change site settings"),
        ("forum", "category", "view_category", "Can view category"),
        ("forum", "category", "add_category", "Can add category"),
        ("forum", "category", "change_category", "Can change category"),
    ],
    EVENT_ORGANISERS: [ACCESS_ADMIN],
}
# Page permission types on the root page (every site, every language).
PAGE_PERMISSIONS = {
    MODERATORS: [],
    EDITORS: ["add", "change", "publish", "lock", "unlock"],
    EVENT_ORGANISERS: [],
}
# Collection permissions on the root collection.
COLLECTION_PERMISSIONS = {
    MODERATORS: [],
    EDITORS: [
        (app, model, f"{action}_{model}")
        for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for action in ("add", "change", "delete", "choose")
    ],
    EVENT_ORGANISERS: [],
}
DEFAULT_TASK = "Moderators approval"
EDITORS_TASK = "Editors approval"


def set_staff_group_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")

    def permission(app_label, model, codename, name=None):
        # On a fresh database Django creates model permissions only after migrate ends.
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        found, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name or codename}
        )
        return found

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    groups = {}
    for name, wanted in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.set([permission(*row) for row in wanted])

        GroupPagePermission.objects.filter(group=group).delete()
        if root_page is not None:
            for permission_type in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.create(
                    group=group,
                    page=root_page,
                    permission=permission("wagtailcore", "page", f"{permission_type}_page"),
                )

        GroupCollectionPermission.objects.filter(group=group).delete()
        if root_collection is not None:
            for app_label, model, codename in COLLECTION_PERMISSIONS[name]:
                GroupCollectionPermission.objects.create(
                    group=group,
                    collection=root_collection,
                    permission=permission(app_label, model, codename),
                )

    # Approving a workflow task publishes the page: forum moderators approve nothing. The
    # default workflow Wagtail made for them becomes the Editors'.
    for task in GroupApprovalTask.objects.filter(groups=groups[MODERATORS]):
        task.groups.remove(groups[MODERATORS])
        if not task.groups.exists():
            task.groups.add(groups[EDITORS])
        if task.name == DEFAULT_TASK:
            task.name = EDITORS_TASK
            task.save(update_fields=["name"])
    Workflow.objects.filter(name=DEFAULT_TASK).update(name=EDITORS_TASK)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0006_notifications"),
        ("home", "0003_policy_workflow"),
        # After every migration that grants these groups something.
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(set_staff_group_permissions, migrations.RunPython.noop)]
