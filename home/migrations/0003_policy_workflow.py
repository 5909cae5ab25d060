"""The Editors' approval workflow for the Partnership Policy, and Editors' access to feedback.

Idempotent: every object is looked up before it is created, so running it on a database that
already has the group, task or workflow (made by hand or by the demo) changes nothing.
Policy pages created later are put under the workflow by ``home.policy.services``
``ensure_policy_moderation`` (a post_save signal).
"""

from django.db import migrations

EDITORS = "Editors"
WORKFLOW_NAME = "Policy approval"
TASK_NAME = "Editors approve the policy"
FEEDBACK_PERMISSIONS = {
    "view_policyfeedback": "Can view policy feedback",
    "change_policyfeedback": "Can change policy feedback",
}


def create_policy_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    Page = apps.get_model("wagtailcore.Page")

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if admin_access is not None:
        editors.permissions.add(admin_access)

    # Historical models do not fill in Task.content_type (the specific type) themselves.
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(editors)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    policy_type = ContentType.objects.filter(app_label="home", model="policypage").first()
    if policy_type is not None:
        for page in Page.objects.filter(content_type=policy_type):
            WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})

    # Permissions for a new model exist only after migrate ends; create them now to assign them.
    feedback_type, _ = ContentType.objects.get_or_create(app_label="home", model="policyfeedback")
    for codename, name in FEEDBACK_PERMISSIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=feedback_type, codename=codename, defaults={"name": name}
        )
        editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_policy"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_policy_workflow, migrations.RunPython.noop),
    ]
