"""Atom feeds. Public feeds carry public, non-sensitive topics only, checked as an anonymous
visitor through partners.access. A member's private feed (a secret address, revocable) lists
what that member may see, minus sensitive categories, with titles and links only: feed readers
are often hosted elsewhere, so no post text leaves the site that way."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from home.sanitize import plain_text
from partners import access

from .models import Category, FeedToken, Topic, hash_token

FEED_SIZE = 30


def _public_topics():
    return (
        access.visible(Topic.objects.all(), AnonymousUser(), purpose=access.FEED)
        .select_related("category", "first_post__author__profile")
        .order_by("-created_at", "-pk")
    )


def _with_topics(topics) -> list:
    """The topics, each first post pointed at its (already loaded) topic, so that checking a
    post reads no topic or category again (was two queries per item)."""
    topics = list(topics)
    for topic in topics:
        if topic.first_post is not None:
            topic.first_post.topic = topic
    return topics


def _in_public_feed(post) -> bool:
    return access.can_view(AnonymousUser(), post, purpose=access.FEED)


def _byline(post) -> str:
    if not _in_public_feed(post):
        return ""
    if post.is_pseudonymous:
        return _("a partner from %(region)s") % {"region": post.get_pseudonym_region_display()}
    if post.author is None:
        return ""
    return post.author.profile.display_name


class TextAtomFeed(Atom1Feed):
    """Atom whose summaries are text (``type="text"``), not HTML: a reader shows what members
    typed and never renders, runs or loads anything from it (Django writes ``type="html"``)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class LatestTopicsFeed(Feed):
    feed_type = TextAtomFeed

    def title(self):
        return _("Latest public topics · Global Partnership Exchange forum")

    def link(self):
        from django.urls import reverse

        return reverse("forum:index")

    def subtitle(self):
        return _("New public topics in the partners' forum.")

    def items(self):
        return _with_topics(_public_topics()[:FEED_SIZE])

    def item_title(self, topic):
        return topic.title

    def item_description(self, topic):
        post = topic.first_post
        if not _in_public_feed(post):
            return ""
        return Truncator(plain_text(post.html)).chars(600)

    def item_author_name(self, topic):
        return _byline(topic.first_post) or None

    def item_pubdate(self, topic):
        return topic.created_at

    def item_updateddate(self, topic):
        return topic.last_posted_at

    def item_link(self, topic):
        return topic.get_absolute_url()


class CategoryFeed(LatestTopicsFeed):
    """A public, non-sensitive category's topics; 404 for any other category."""

    def get_object(self, request, slug):
        categories = access.visible(Category.objects.all(), AnonymousUser(), purpose=access.FEED)
        return get_object_or_404(categories, slug=slug)

    def title(self, category):
        return _("%(category)s · Global Partnership Exchange forum") % {
            "category": category.display_name
        }

    def link(self, category):
        return category.get_absolute_url()

    def subtitle(self, category):
        return category.display_description

    def items(self, category):
        return _with_topics(_public_topics().filter(category=category)[:FEED_SIZE])


class PrivateFeed(LatestTopicsFeed):
    """Topics the token's owner may see, sensitive categories left out; titles only."""

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    def get_object(self, request, token):
        feed_token = (
            FeedToken.objects.select_related("user")
            .filter(token_hash=hash_token(token), user__is_active=True)
            .first()
        )
        if feed_token is None:
            raise Http404
        FeedToken.objects.filter(pk=feed_token.pk).update(last_used_at=timezone.now())
        return feed_token.user

    def title(self, user):
        return _("Your forum · Global Partnership Exchange")

    def link(self, user):
        from django.urls import reverse

        return reverse("forum:index")

    def subtitle(self, user):
        return _("Latest topics you can see in the partners' forum.")

    def items(self, user):
        return (
            access.visible(Topic.objects.all(), user, purpose=access.FEED)
            .select_related("category")
            .order_by("-last_posted_at", "-pk")[:FEED_SIZE]
        )

    def item_description(self, topic):
        return _("In %(category)s") % {"category": topic.category.display_name}

    def item_author_name(self, topic):
        return None
