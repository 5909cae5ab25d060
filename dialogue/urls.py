from django.urls import path

from home import converters  # noqa: F401 - registers <id:…>

from . import views

app_name = "dialogue"

urlpatterns = [
    path("<str:slug>/", views.space, name="space"),
    path("<str:slug>/timeline/", views.add_milestone, name="add_milestone"),
    path("<str:slug>/dialogues/", views.start_dialogue, name="start_dialogue"),
    path("<str:slug>/dialogues/<int:year>/", views.dialogue_page, name="dialogue"),
    path("<str:slug>/dialogues/<int:year>/record/", views.joint_record, name="joint_record"),
    path("<str:slug>/actions/<id:pk>/done/", views.mark_done, name="mark_done"),
    path("<str:slug>/plan/", views.plan, name="plan"),
    path("<str:slug>/plan/<int:year>/", views.plan_change, name="plan_change"),
]
