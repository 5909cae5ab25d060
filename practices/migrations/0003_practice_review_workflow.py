"""The "Practice review" workflow: one PracticeReviewTask approved by the Editors group, on
every practice catalogue. Idempotent. Catalogues made later get it from practices.signals."""

from django.db import migrations

EDITORS = "Editors"
WORKFLOW_NAME = "Practice review"
TASK_NAME = "Editors review the practice"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    PracticeReviewTask = apps.get_model("practices.PracticeReviewTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    Page = apps.get_model("wagtailcore.Page")

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    task_type, _ = ContentType.objects.get_or_create(
        app_label="practices", model="practicereviewtask"
    )
    task = PracticeReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = PracticeReviewTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(editors)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    index_type = ContentType.objects.filter(app_label="practices", model="practiceindexpage").first()
    if index_type is not None:
        for page in Page.objects.filter(content_type=index_type):
            WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0002_standard_taxonomies"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
