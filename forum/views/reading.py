"""Reading the forum: index, category, topic, single post, unread, member page."""

from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views import View

from partners import access

from .. import services
from ..conf import forum_setting
from ..forms import ReplyForm, SubscriptionForm
from ..models import Attachment, Category, Post, Reaction, Subscription, Topic
from ..permissions import can_edit, can_mark_solved, can_see_history
from .base import (
    ForumMixin,
    post_location,
    visible_category,
    visible_post,
    visible_topic,
)


def _mark_new(topics, new_since):
    """Set ``unread`` (posts not yet read) and ``is_new`` (never opened, started since the
    last visit) on listed topics, from the annotated read state: no query."""
    for topic in topics:
        if topic.last_read is not None:
            topic.unread = max(topic.last_position - topic.last_read, 0)
            topic.is_new = False
        else:
            topic.unread = 0
            topic.is_new = new_since is not None and topic.created_at > new_since
    return topics


def _page_number(request) -> int:
    try:
        return max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        return 1


class IndexView(ForumMixin, View):
    def get(self, request):
        user = request.user
        new_since = services.touch_visit(user) if user.is_authenticated else None
        categories = list(Category.objects.for_index(user))
        latest = _mark_new(list(Topic.objects.for_listing(user)[:10]), new_since)
        return self.render(
            "forum/index.html", categories=categories, latest=latest, new_since=new_since
        )


class CategoryView(ForumMixin, View):
    def get(self, request, slug):
        user = request.user
        category = visible_category(user, slug, with_subscription=True)
        topics = Topic.objects.for_listing(user).filter(category=category)
        tag = request.GET.get("tag", "").strip()
        if tag:
            topics = topics.filter(tags__slug=tag)
        page = Paginator(topics, forum_setting("TOPICS_PER_PAGE")).get_page(request.GET.get("page"))
        new_since = services.touch_visit(user) if user.is_authenticated else None
        _mark_new(page.object_list, new_since)
        level = category.my_level
        return self.render(
            "forum/category.html",
            category=category,
            page_obj=page,
            tag=tag,
            extra_query=urlencode({"tag": tag}) if tag else "",
            subscription_form=SubscriptionForm(initial={"level": level}),
            level=level,
            has_feed=access.can_view(AnonymousUser(), category, purpose=access.FEED),
        )


class TopicView(ForumMixin, View):
    def get(self, request, pk, slug=None):
        user = request.user
        topic = visible_topic(user, pk, with_subscription=True)
        if slug != topic.slug:
            query = f"?{request.GET.urlencode()}" if request.GET else ""
            return redirect(f"{topic.get_absolute_url()}{query}")
        # Opened without a page: a member who has read part of it goes to the first post they
        # have not read (the page number in the address keeps this from repeating).
        last_read = topic.last_read
        if "page" not in request.GET and last_read and last_read < topic.last_position:
            page = topic.page_of(last_read + 1)
            return redirect(f"{topic.get_absolute_url()}?page={page}#new")

        per_page = forum_setting("POSTS_PER_PAGE")
        paginator = Paginator(range(max(topic.last_position, 1)), per_page)
        page = paginator.get_page(_page_number(request))
        first, last = page.start_index(), page.end_index()
        posts = list(topic.posts.for_topic_page(user).filter(position__range=(first, last)))
        moderator = access.is_moderator(user)

        by_pk = {post.pk: post for post in posts}
        with_files = [post.pk for post in posts if post.has_attachments]
        files: dict[int, list] = {}
        if with_files:
            for attachment in Attachment.objects.filter(post_id__in=with_files):
                attachment.post = by_pk[attachment.post_id]
                files.setdefault(attachment.post_id, []).append(attachment)
        mine: set[tuple[int, str]] = set()
        if user.is_authenticated and any(post.reaction_counts for post in posts):
            mine = set(
                Reaction.objects.filter(user=user, post__in=posts).values_list("post_id", "kind")
            )
        for post in posts:
            post.topic = topic
            post.shown = access.can_view(user, post, purpose=access.READ)
            post.files = files.get(post.pk, [])
            post.reaction_buttons = [
                {
                    "kind": kind,
                    "label": label,
                    "count": post.reaction_counts.get(kind, 0),
                    "mine": (post.pk, kind) in mine,
                }
                for kind, label in Reaction.Kind.choices
            ]
            post.viewer_can_edit = can_edit(user, post)
            post.viewer_can_see_history = post.edit_count and can_see_history(user, post)
            post.viewer_is_author = user.is_authenticated and post.author_id == user.pk
            # "New since your last visit": posts after the last one the member had read.
            post.is_unread = last_read is not None and post.position > last_read
        first_unread = next((post for post in posts if post.is_unread), None)
        if first_unread is not None:
            first_unread.is_first_unread = True

        level = topic.my_level
        if user.is_authenticated and posts:
            services.mark_read(user, topic, posts[-1].position)

        is_member = access.is_member(user)
        can_reply = is_member and (not topic.is_locked or moderator)
        return self.render(
            "forum/topic.html",
            topic=topic,
            category=topic.category,
            posts=posts,
            page_obj=page,
            tags=list(topic.tags.all()),
            level=level,
            subscription_form=SubscriptionForm(initial={"level": level}),
            can_reply=can_reply,
            can_mark_solved=can_mark_solved(user, topic),
            reply_form=_reply_form(topic) if can_reply else None,
            has_draft=bool(topic.draft_markdown),
        )


def _reply_form(topic) -> ReplyForm:
    """The reply box at the end of the topic, holding the member's draft if they left one."""
    initial = {}
    if topic.draft_markdown:
        initial = {"markdown": topic.draft_markdown, "reply_to": topic.draft_reply_to}
        if topic.draft_language:
            initial["language"] = topic.draft_language
    return ReplyForm(initial=initial, category=topic.category, topic=topic)


class PostLinkView(View):
    """``/forum/post/<id>/``: to the right page of the post's topic, for those who may see
    the post; a plain 404 for everyone else, naming nothing."""

    def get(self, request, pk):
        return redirect(post_location(visible_post(request.user, pk)))


class UnreadView(ForumMixin, View):
    """Topics with posts the member has not read, and topics new since their last visit."""

    def get(self, request):
        user = request.user
        if not user.is_authenticated:
            return redirect("forum:index")
        new_since = services.touch_visit(user)
        muted = Subscription.objects.filter(
            user=user, topic=OuterRef("pk"), level=Subscription.Level.MUTE
        )
        topics = (
            Topic.objects.for_listing(user)
            .exclude(Exists(muted))
            .filter(
                Q(last_read__lt=F("last_position"))
                | Q(last_read__isnull=True, created_at__gt=new_since)
            )
        )
        page = Paginator(topics, forum_setting("TOPICS_PER_PAGE")).get_page(request.GET.get("page"))
        _mark_new(page.object_list, new_since)
        return self.render("forum/unread.html", page_obj=page, new_since=new_since)


class MemberView(ForumMixin, View):
    """A member's forum page, for members only: their name and their recent posts that the
    viewer may see. Posts written as "a partner from <region>" are never listed."""

    def get(self, request, pk):
        viewer = request.user
        if not access.is_member(viewer):
            raise Http404
        member = get_object_or_404(
            get_user_model().objects.select_related("profile"), pk=pk, is_active=True
        )
        if not access.is_member(member):
            raise Http404
        posts = (
            access.visible(Post.objects.all(), viewer, purpose=access.READ)
            .filter(author=member, is_pseudonymous=False)
            .select_related("topic__category")
            .order_by("-created_at", "-pk")[:20]
        )
        return self.render("forum/member.html", member=member, posts=list(posts))
