"""robots.txt and Wagtail's sitemap of public pages, in every language.

The sitemap lists only what an anonymous visitor may see, asked of ``partners.access`` with the
FEED purpose (a list sent elsewhere): a page under a view restriction never appears.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from partners import access


class PublicPagesSitemap(Sitemap):
    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_home = Q()
        for home in homes:
            in_a_home |= Q(path__startswith=home.path)
        pages = Page.objects.filter(in_a_home).live().public().order_by("path")
        return (
            access.visible(pages, AnonymousUser(), purpose=access.FEED)
            .defer_streamfields()
            .specific()
        )


@cache_control(public=True, max_age=3600)
def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": PublicPagesSitemap})


@cache_control(public=True, max_age=86400)
def robots_txt(request):
    lines = [
        "User-agent: *",
        # Nothing for crawlers behind sign-in, the admin or the per-person pages.
        "Disallow: /admin/",
        "Disallow: /documents/",
        "Disallow: /*/accounts/",
        "Disallow: /*/partners/",
        "Disallow: /*/forum/search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page's <link rel="icon"> says."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
