"""Atom feed of newly published public practices (all, or one theme's or region's): the
catalogue as an anonymous visitor sees it, with purpose FEED. Summaries go out as text."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import QueryDict
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from partners import access

from .catalogue import Catalogue

FEED_SIZE = 30


class TextAtomFeed(Atom1Feed):
    """Summaries as ``type="text"``: a feed reader never renders markup from them."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class PracticeFeed(Feed):
    feed_type = TextAtomFeed

    def get_object(self, request, index):
        params = QueryDict(mutable=True)
        for name in ("theme", "region"):
            params.setlist(name, request.GET.getlist(name)[:5])
        self.request = request
        return Catalogue(index, params, AnonymousUser(), purpose=access.FEED, request=request)

    def title(self, catalogue):
        names = [a["label"] for a in catalogue.active_filters()]
        if names:
            return _("New practices: %(filters)s · Global Partnership Exchange") % {
                "filters": ", ".join(names)
            }
        return _("New practices · Global Partnership Exchange")

    def link(self, catalogue):
        return catalogue.index.get_url(self.request) + catalogue.querystring()

    def items(self, catalogue):
        entries = catalogue.attach_pages(catalogue.results[:FEED_SIZE])
        return [entry.page for entry in entries]

    def item_title(self, page):
        return page.title

    def item_description(self, page):
        return page.summary

    def item_link(self, page):
        return page.get_url(self.request)

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at
