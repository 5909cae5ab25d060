"""Site chrome: main menu and language switcher.

The page tree they read is kept between requests by ``home.chrome`` (unfiltered, the same for
everyone); what a reader may see is decided here on every request by ``partners.access``."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from home import chrome, hooks, translations
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
    language = get_language()
    home = _home_for(request, language)
    pages = []
    if home is not None:
        pages = _menu_pages(request, home, language)
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


def _menu_pages(request, home, language):
    """The home page's menu pages the reader may see; a page the default language's menu has
    and this language lacks keeps its place, linking to "not yet available" (its title and
    address carry its own language)."""
    visible = [
        {"page": page, "url": page.get_url(request), "title": page.title}
        for page in chrome.menu_candidates(request, home)
        if access.can_view(request.user, page, purpose=access.READ)
    ]
    default_home = _homes(request).get(settings.LANGUAGE_CODE)
    if default_home is None or default_home.pk == home.pk:
        return visible
    here = {item["page"].translation_key for item in visible}
    missing = [
        {
            "page": page,
            "url": translations.not_translated_url(page, language),
            "title": page.title,
            "language": settings.LANGUAGE_CODE,
        }
        for page in chrome.menu_candidates(request, default_home)
        if page.translation_key not in here
        and access.can_view(request.user, page, purpose=access.READ)
    ]
    return [*visible, *missing]


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in each language: its translation if there is one, else "not yet
    available in <language>" with the translations there are. Plain links, so it works
    without JavaScript."""
    request = context["request"]
    page = context.get("page")
    available = {}
    if isinstance(page, Page) and page.pk:
        for translation in chrome.translations(request, page):
            if access.can_view(request.user, translation, purpose=access.READ):
                available[translation.locale.language_code] = translation.get_url(request)
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if isinstance(page, Page) and page.pk:
            url = available.get(code) or translations.not_translated_url(page, code)
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


@register.simple_tag
def not_yet_available():
    """ "Not yet available in Spanish" in the reader's language (home.translations)."""
    return translations.not_yet_available()


@register.filter
def in_language(code):
    """ "in English" for a link to a page in another language than the reader's."""
    return translations.IN_LANGUAGE.get(code, code)


@register.filter
def bdi(value):
    """``{{ name|bdi }}``: a name or title set apart from the sentence around it, so that Latin
    text keeps its order inside Arabic and the reverse (escaped, then wrapped in <bdi>)."""
    if value in (None, ""):
        return ""
    return format_html("<bdi>{}</bdi>", value)
