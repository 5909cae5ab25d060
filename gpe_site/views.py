from urllib.parse import urlencode

from django.http import Http404, HttpResponseServerError
from django.shortcuts import redirect
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token


def admin_login_redirect(request):
    """Send Wagtail's /admin/login/ to allauth's sign-in, keeping a safe ``next``."""
    url = reverse("account_login")
    next_url = request.GET.get("next", "/admin/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/admin/"
    return redirect(f"{url}?{urlencode({'next': next_url})}")


@requires_csrf_token
def server_error(request):
    """Like Django's, but with the request so that the page speaks the visitor's language.

    500.html extends nothing and runs no query: the database may be what failed.
    """
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request": request}))


def not_found(request, **kwargs):
    raise Http404
