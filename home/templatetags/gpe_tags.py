"""Site chrome: main menu and language switcher.

The page tree they read is kept between requests by ``home.chrome`` (unfiltered, the same for
everyone); what a reader may see is decided here on every request by ``partners.access``."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from home import chrome, hooks
from partners import access

register = template.Library()


def _homes(request) -> dict:
    """The site's home page in each language that the reader may see, {code: page}; kept on
    the request."""
    if not hasattr(request, "_gpe_homes"):
        site = chrome.site_for(request)
        homes = {}
        if site is not None:
            for page in chrome.site_homes(request, site):
                if access.can_view(request.user, page, purpose=access.READ):
                    homes[page.locale.language_code] = page
        request._gpe_homes = homes
    return request._gpe_homes


def _home_for(request, language_code):
    homes = _homes(request)
    return homes.get(language_code) or homes.get(settings.LANGUAGE_CODE)


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    home = _home_for(request, get_language())
    pages = []
    if home is not None:
        pages = [
            page
            for page in chrome.menu_candidates(request, home)
            if access.can_view(request.user, page, purpose=access.READ)
        ]
    items = [
        {"label": item.label, "url": item.url, "current": request.path.startswith(item.url)}
        for item in hooks.menu_items(request)
    ]
    return {
        "home": home,
        "menu_pages": pages,
        "menu_items": items,
        "request": request,
        "current": context.get("page"),
    }


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in each language: its translation if there is one, else that
    language's home page. Plain links, so it works without JavaScript."""
    request = context["request"]
    page = context.get("page")
    translations = {}
    if isinstance(page, Page) and page.pk:
        for translation in chrome.translations(request, page):
            if access.can_view(request.user, translation, purpose=access.READ):
                translations[translation.locale.language_code] = translation.get_url(request)
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if isinstance(page, Page) and page.pk:
            url = translations.get(code)
            if url is None:
                home = _home_for(request, code)
                url = home.get_url(request) if home else f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code)
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "current": code == current,
                "bidi": info["bidi"],
            }
        )
    return {"links": links}


@register.filter
def bdi(value):
    """``{{ name|bdi }}``: a name or title set apart from the sentence around it, so that Latin
    text keeps its order inside Arabic and the reverse (escaped, then wrapped in <bdi>)."""
    if value in (None, ""):
        return ""
    return format_html("<bdi>{}</bdi>", value)
