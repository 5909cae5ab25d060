"""The site's URLs plus MEDIA_ROOT served at MEDIA_URL, as the proxy (or ``runserver`` with
DEBUG) serves it: raw media URLs then answer as they would in production."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from gpe_site.urls import urlpatterns as site_urlpatterns


def public_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", public_media), *site_urlpatterns]
