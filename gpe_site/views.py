import sys
from functools import wraps
from urllib.parse import urlencode

from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token
from taggit.models import Tag
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT


def admin_login_redirect(request):
    """Send Wagtail's /admin/login/ to allauth's sign-in, keeping a safe ``next``."""
    url = reverse("account_login")
    next_url = request.GET.get("next", "/admin/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/admin/"
    return redirect(f"{url}?{urlencode({'next': next_url})}")


# How long a visitor is asked to wait when the database is unreachable.
RETRY_AFTER_SECONDS = 30


def _database_unavailable(error) -> bool:
    """The database dropped the connection or cannot be reached (not a bug in a query)."""
    return isinstance(error, (OperationalError, InterfaceError))


@requires_csrf_token
def server_error(request):
    """Like Django's, but with the request so that the page speaks the visitor's language.

    When the database is what failed (a dropped connection, a restarting server), a 503 page
    with ``Retry-After``: nothing the visitor did is wrong, and Django closes the broken
    connection when the request ends, so the next request opens a fresh one.

    500.html and 503.html extend nothing and run no query: the database may be what failed.
    """
    if _database_unavailable(sys.exc_info()[1]):
        template = loader.get_template("503.html")
        response = HttpResponse(template.render({"request": request}), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request": request}))


def not_found(request, **kwargs):
    raise Http404


def for_page_editors(view):
    """Wagtail's page chooser lists every page, drafts and restricted sections included, to
    anyone with admin access. Forum moderators and event organisers have no page permissions
    and no use for it: for them it is a 404."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    @wraps(view)
    def for_editors_only(request, *args, **kwargs):
        if not PagePermissionPolicy().user_has_any_permission(
            request.user, ["add", "change", "publish"]
        ):
            raise Http404
        return view(request, *args, **kwargs)

    return for_editors_only


def tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete, offering only tags of forum topics the person may find
    (Wagtail's own offers every tag, those of group-only and hidden topics included). The
    forum's topics are the only tagged content."""
    from forum.models import TopicTag
    from partners import access

    if app_name is not None and (app_name, model_name) != ("taggit", "tag"):
        raise Http404
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    seen = access.visible(TopicTag.objects.all(), request.user, purpose=access.SEARCH)
    tags = (
        Tag.objects.filter(pk__in=seen.values("tag_id"), name__istartswith=term)
        .order_by("name")
        .values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(tags), safe=False)
