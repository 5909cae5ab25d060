from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from partners import access

from ..models import Category, Post, Topic
from ..permissions import check_can_view


class ForumMixin:
    """Puts the viewer's standing in every forum template: ``is_member`` (may write),
    ``can_moderate``."""

    def forum_context(self, **context):
        user = self.request.user
        context.setdefault("is_member", access.is_member(user))
        context.setdefault("can_moderate", access.is_moderator(user))
        return context

    def render(self, template, status=200, **context):
        return render(self.request, template, self.forum_context(**context), status=status)

    def login_required(self):
        """For writing views, after the visibility check: send anonymous visitors to sign
        in (the thing they came for is one they may see)."""
        if not self.request.user.is_authenticated:
            raise _SignIn

    def denied(self, error: PermissionDenied, template="forum/denied.html"):
        return self.render(template, status=403, message=str(error) or None)

    def dispatch(self, request, *args, **kwargs):
        """A refused action (a check_* function's PermissionDenied) is explained on a page;
        anonymous visitors who may see the thing are sent to sign in first."""
        try:
            return super().dispatch(request, *args, **kwargs)
        except _SignIn:
            return redirect_to_login(request.get_full_path())
        except PermissionDenied as denied:
            return self.denied(denied)


class _SignIn(Exception):
    pass


def visible_category(user, slug, *, with_subscription=False) -> Category:
    categories = Category.objects.all()
    if with_subscription:
        categories = categories.with_subscription(user)
    category = get_object_or_404(categories, slug=slug)
    check_can_view(user, category)
    return category


def visible_topic(user, pk, *, with_subscription=False) -> Topic:
    """``with_subscription`` also brings the member's read state and draft (the topic page):
    subqueries of the same query."""
    topics = Topic.objects.select_related("category")
    if with_subscription:
        topics = topics.with_subscription(user).with_read_state(user).with_draft(user)
    topic = get_object_or_404(topics, pk=pk)
    check_can_view(user, topic)
    return topic


def visible_post(user, pk) -> Post:
    post = get_object_or_404(
        Post.objects.select_related("topic__category", "author__profile"), pk=pk
    )
    check_can_view(user, post)
    return post


def post_location(post: Post) -> str:
    """The topic page holding ``post``, anchored on it. Only for a post the viewer may see.
    The page is always named (``?page=1`` too): a topic opened without one jumps to the
    reader's first unread post instead of the post they were sent to."""
    topic = post.topic
    page = topic.page_of(post.position)
    return f"{topic.get_absolute_url()}?{urlencode({'page': page})}#post-{post.pk}"
