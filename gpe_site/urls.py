from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views import chooser as page_chooser
from wagtail.documents.views.serve import authenticate_with_password

from home import converters  # noqa: F401 - registers <id:…> and <not_id:…>
from home import translations as home_translations
from home import views as home_views

from . import sitemaps, views

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
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    # Browsers and crawlers ask for /favicon.ico whatever the page says.
    path("favicon.ico", sitemaps.favicon),
    # Wagtail's document URLs, served through home.views (access checked by its hooks).
    re_path(r"^documents/(\d+)/(.*)$", home_views.serve_document, name="wagtaildocs_serve"),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    # Private files (documents, images in restricted collections): checked, then sent.
    path("private-media/<path:name>", home_views.private_media, name="private_media"),
]

# Every front-end URL carries its language.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("partners/", include("partners.urls")),
    path("forum/", include("forum.urls")),
    path("search/", include("search.urls")),
    path("my-practices/", include("practices.urls")),
    path("not-translated/<id:page_id>/", home_translations.not_translated, name="not_translated"),
    path("partnerships/", include("dialogue.urls")),
    path("workshop-trends/", include("dialogue.trends_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
