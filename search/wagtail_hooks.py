from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home import hooks as home_hooks


@hooks.register(home_hooks.MENU_ITEMS)
def search_in_the_menu(request):
    return [home_hooks.MenuItem(label=_("Search"), url=reverse("search:search"), order=90)]


@hooks.register("register_admin_urls")
def register_admin_urls():
    from .admin_views import QueryReportView

    return [
        path("reports/site-search/", QueryReportView.as_view(), name="search_query_report"),
        path(
            "reports/site-search/results/",
            QueryReportView.as_view(results_only=True),
            name="search_query_report_results",
        ),
    ]


class QueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        from .admin_views import may_see_report

        return may_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_query_report_menu_item():
    return QueryReportMenuItem(
        _("Site search queries"),
        reverse("search_query_report"),
        name="site-search-queries",
        icon_name="search",
        order=1310,
    )
