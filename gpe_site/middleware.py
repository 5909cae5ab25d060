"""Development only (settings/dev.py)."""

from django.views.defaults import page_not_found


class SiteNotFoundMiddleware:
    """Under ``make run`` (DEBUG) a mistyped address shows the site's own 404 page, as in
    production, not Django's debug page listing every URL pattern. ``?debug-404`` shows
    Django's page when a developer wants it. The admin keeps Wagtail's own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and "debug-404" not in request.GET
            and not request.path.startswith("/admin/")
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return page_not_found(request, None)
        return response
