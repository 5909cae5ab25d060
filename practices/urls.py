from django.urls import path

from . import submit_views

app_name = "practices"

urlpatterns = [
    path("", submit_views.submissions, name="submissions"),
    path("submit/", submit_views.submit, name="submit"),
    path("revise/<int:pk>/", submit_views.revise, name="revise"),
    # By number, not slug: a partnership's name stays out of addresses and browser history.
    path("phase-out/<int:pk>/", submit_views.phase_out, name="phase_out"),
]
