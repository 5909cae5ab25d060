"""The editors' query report: what people search for, and what finds nothing. Counts only."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView

from partners import access

from .models import QueryStat


def may_see_report(user) -> bool:
    return access.is_superuser(user) or access.in_group(user, access.EDITORS)


class QueryReportView(ReportView):
    page_title = _("Site search queries")
    header_icon = "search"
    is_searchable = True
    search_fields = ["query"]
    index_url_name = "search_query_report"
    index_results_url_name = "search_query_report_results"
    default_ordering = "-searches"
    columns = [
        Column("query", label=_("Query"), sort_key="query"),
        NumberColumn("searches", label=_("Searches"), sort_key="searches"),
        NumberColumn("without_results", label=_("Without results"), sort_key="without_results"),
    ]
    export_headings = {
        "query": _("Query"),
        "searches": _("Searches"),
        "without_results": _("Without results"),
    }
    list_export = ["query", "searches", "without_results"]

    def get_base_queryset(self):
        queryset = QueryStat.objects.all()
        if self.request.GET.get("empty") == "1":
            queryset = queryset.filter(without_results__gt=0).order_by("-without_results")
        return queryset

    def dispatch(self, request, *args, **kwargs):
        if not may_see_report(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
