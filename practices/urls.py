from django.urls import path

from . import submit_views

app_name = "practices"

urlpatterns = [
    path("", submit_views.submissions, name="submissions"),
    path("submit/", submit_views.submit, name="submit"),
]
