"""The workshop trends (dialogue.trends): included by the site's urls under its own prefix,
apart from the partnership spaces' ``<slug>/`` addresses."""

from django.urls import path

from . import trends

app_name = "trends"

urlpatterns = [
    path("", trends.trends_page, name="trends"),
    path("trends.csv", trends.trends_csv, name="csv"),
    path("trends.svg", trends.trends_svg, name="svg"),
]
