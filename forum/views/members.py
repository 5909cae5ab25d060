"""A member's own forum: preferences, private feed address, mention suggestions, search."""

import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View

from partners import access
from partners.models import Profile

from .. import services
from ..conf import forum_setting
from ..forms import PreferenceForm, ReminderForm
from ..models import Bookmark, FeedToken, NotificationPreference, Post
from .base import ForumMixin, post_location, visible_post, visible_topic

logger = logging.getLogger(__name__)


class PreferencesView(ForumMixin, View):
    template = "forum/preferences.html"

    def _context(self, request, form, new_token=None):
        has_token = FeedToken.objects.filter(user=request.user).exists()
        return {"form": form, "has_token": has_token, "new_token": new_token}

    def get(self, request):
        self.login_required()
        form = PreferenceForm(instance=NotificationPreference.for_user(request.user))
        return self.render(self.template, **self._context(request, form))

    def post(self, request):
        self.login_required()
        preference = NotificationPreference.for_user(request.user)
        action = request.POST.get("action")
        if action in ("new_feed", "revoke_feed"):
            if not access.is_member(request.user):
                raise Http404
            token = None
            if action == "new_feed":
                token = services.create_feed_token(request.user)
            else:
                services.revoke_feed_token(request.user)
                messages.success(request, _("Your private feed address no longer works."))
            form = PreferenceForm(instance=preference)
            return self.render(self.template, **self._context(request, form, token))
        form = PreferenceForm(request.POST, instance=preference)
        if not form.is_valid():
            return self.render(self.template, status=400, **self._context(request, form))
        form.save()
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("forum:preferences")


class MentionSuggestionsView(View):
    """``?topic=<id>&q=<start of a name>``: members who may see the topic, as JSON.

    Without ``q``: the topic's named participants. Posts written as "a partner from
    <region>" never make their author a participant here.
    """

    limit = 8

    def get(self, request):
        user = request.user
        if not access.is_member(user):
            raise Http404
        try:
            topic = visible_topic(user, int(request.GET.get("topic", "")))
        except ValueError as error:
            raise Http404 from error
        prefix = request.GET.get("q", "").strip().lstrip("@")
        if prefix:
            profiles = Profile.objects.filter(display_name__istartswith=prefix)
        else:
            posts = Post.objects.filter(topic=topic, is_pseudonymous=False).exclude(author=None)
            participants = access.visible(posts, user, purpose=access.SEARCH).values("author")
            profiles = Profile.objects.filter(user__in=participants)
        profiles = profiles.filter(user__is_active=True).select_related("user")
        names = []
        for profile in profiles.order_by("display_name")[:25]:
            if profile.user_id != user.pk and access.can_view(
                profile.user, topic, purpose=access.READ
            ):
                names.append(profile.display_name)
            if len(names) == self.limit:
                break
        return JsonResponse({"results": [{"name": name} for name in names]})


class SearchView(View):
    """The forum's old search address. One search serves the whole site (``search``): this
    sends the query there, narrowed to topics and posts, so there is one ranked query, one
    access path and one page to keep right. Permanent, for old links and bookmarks."""

    def get(self, request):
        query = request.GET.get("q", "").strip()[:200]
        pairs = ([("q", query)] if query else []) + [("type", "topic"), ("type", "post")]
        return HttpResponsePermanentRedirect(f"{reverse('search:search')}?{urlencode(pairs)}")


def wants_json(request) -> bool:
    """forum/static/forum/inplace.js asks for JSON; forms without it get a redirect."""
    return "application/json" in request.headers.get("Accept", "")


class BookmarkView(ForumMixin, View):
    """Bookmark a post or take the bookmark away (``action=toggle``), or set its reminder
    (``remind``). For a post the member may see; 404 for anything else."""

    def post(self, request, pk):
        post = visible_post(request.user, pk)
        self.login_required()
        if "remind" in request.POST:
            form = ReminderForm(request.POST)
            if not form.is_valid():
                raise Http404
            remind_at = form.remind_at()
            services.set_bookmark_reminder(post, user=request.user, remind_at=remind_at)
            bookmarked = True
            if remind_at:
                when = date_format(timezone.localtime(remind_at), "DATETIME_FORMAT")
                messages.success(request, _("We will remind you on %(date)s.") % {"date": when})
        else:
            bookmarked = services.toggle_bookmark(post, user=request.user)
        if wants_json(request):
            return JsonResponse({"bookmarked": bookmarked})
        if request.POST.get("next") == "bookmarks":
            return redirect("forum:bookmarks")
        return redirect(post_location(post))


class BookmarksView(ForumMixin, View):
    """The member's bookmarks on posts they may still read, newest first, with reminders."""

    def get(self, request):
        self.login_required()
        bookmarks = (
            access.visible(Bookmark.objects.all(), request.user, purpose=access.READ)
            .select_related("post__topic__category", "post__author__profile")
            .order_by("-created_at", "-pk")
        )
        page = Paginator(bookmarks, forum_setting("TOPICS_PER_PAGE")).get_page(
            request.GET.get("page")
        )
        return self.render(
            "forum/bookmarks.html", page_obj=page, reminder_form=ReminderForm(), now=timezone.now()
        )
