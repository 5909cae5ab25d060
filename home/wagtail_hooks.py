from django.http import Http404
from wagtail import hooks

from partners import access


@hooks.register("before_serve_page", order=-100)
def hide_pages_the_user_may_not_see(page, request, serve_args, serve_kwargs):
    """404, not a login redirect that names the page: see DESIGN "Security decisions"."""
    if not access.can_view_page(request.user, page, allow_password=True):
        raise Http404
