from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import converters  # noqa: F401 - registers <id:…> and <not_id:…>

from . import views

handler500 = "gpe_site.views.server_error"

urlpatterns = [
    # One door: Wagtail's own login view would skip allauth's MFA stage and rate limits.
    path("admin/login/", views.admin_login_redirect, name="wagtailadmin_login"),
    # Wagtail's choosers take the chosen id as text and fail with a 500 on anything but a
    # number. Images, documents and every snippet here have integer ids: the rest is a 404.
    path("admin/images/chooser/chosen/<not_id:pk>/", views.not_found),
    path("admin/documents/chooser/chosen/<not_id:pk>/", views.not_found),
    path(
        "admin/snippets/choose/<slug:app_label>/<slug:model_name>/chosen/<not_id:pk>/",
        views.not_found,
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

# Every front-end URL carries its language.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("partners/", include("partners.urls")),
    path("forum/", include("forum.urls")),
    path("search/", include("search.urls")),
    path("my-practices/", include("practices.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
