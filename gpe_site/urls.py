from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views import chooser as page_chooser
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
    # Wagtail's page chooser shows every page, drafts and restricted ones included: for page
    # editors only. Its tag autocomplete offers only tags of topics the person may find.
    path("admin/choose-page/", views.for_page_editors(page_chooser.BrowseView.as_view())),
    path(
        "admin/choose-page/<int:parent_page_id>/",
        views.for_page_editors(page_chooser.BrowseView.as_view()),
    ),
    path("admin/choose-page/search/", views.for_page_editors(page_chooser.SearchView.as_view())),
    path(
        "admin/choose-page/chosen-multiple/",
        views.for_page_editors(page_chooser.ChosenMultipleView.as_view()),
    ),
    path("admin/tag-autocomplete/", views.tag_autocomplete),
    path("admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/", views.tag_autocomplete),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

# Every front-end URL carries its language.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("partners/", include("partners.urls")),
    path("forum/", include("forum.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
