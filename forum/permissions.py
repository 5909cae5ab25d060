"""Who may do what in the forum. Each ``check_*`` raises Http404 where existence must not leak
(anything the user may not see) and PermissionDenied, with a message, for the rest."""

from __future__ import annotations

import math
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, Max, OuterRef
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home import ratelimit
from partners import access

from .conf import forum_setting
from .models import Post, Report, Silence


def check_can_view(user, obj) -> None:
    if not access.can_view(user, obj, purpose=access.READ):
        raise Http404


def check_can_moderate(user) -> None:
    if not access.is_moderator(user):
        raise PermissionDenied(_("Only moderators can do this."))


def active_silence(user) -> Silence | None:
    return Silence.objects.filter(user=user).active().order_by("-until").first()


def check_can_write(user) -> None:
    """Partner members who are not silenced."""
    if not access.is_member(user):
        raise PermissionDenied(_("Only partner members can write in the forum."))
    silence = active_silence(user)
    if silence is not None:
        raise PermissionDenied(
            _("A moderator has paused your posting until %(date)s.")
            % {"date": date_format(timezone.localtime(silence.until), "DATETIME_FORMAT")}
        )


def approved_post_count(user) -> int:
    """Posts that stood for a day without being hidden, deleted or reported."""
    open_reports = Report.objects.open().filter(post=OuterRef("pk"))
    posts = Post.objects.filter(author=user, created_at__lte=timezone.now() - timedelta(hours=24))
    return access.shown(posts).exclude(Exists(open_reports)).count()


def check_rate_limit(user) -> None:
    """Stop floods, not people: a short wait between two posts, and for new members (fewer
    than NEW_MEMBER_APPROVED_POSTS approved posts) a longer wait and a daily cap. One query
    in the usual case; whether the member is new is asked only when a limit is near."""
    if access.is_staff(user):
        return
    now = timezone.now()
    recent = Post.objects.filter(author=user, created_at__gt=now - timedelta(days=1)).aggregate(
        count=Count("pk"), last=Max("created_at")
    )
    waited = (now - recent["last"]).total_seconds() if recent["last"] else None

    def refuse_wait(seconds):
        wait = max(1, math.ceil(seconds - waited))
        raise PermissionDenied(
            ngettext(
                "You posted a moment ago. Please wait %(seconds)s second before posting again.",
                "You posted a moment ago. Please wait %(seconds)s seconds before posting again.",
                wait,
            )
            % {"seconds": wait}
        )

    new_member_wait = forum_setting("NEW_MEMBER_SECONDS_BETWEEN_POSTS")
    daily = forum_setting("NEW_MEMBER_POSTS_PER_DAY")
    if not ((waited is not None and waited < new_member_wait) or recent["count"] >= daily):
        return
    if approved_post_count(user) >= forum_setting("NEW_MEMBER_APPROVED_POSTS"):
        if waited is not None and waited < forum_setting("SECONDS_BETWEEN_POSTS"):
            refuse_wait(forum_setting("SECONDS_BETWEEN_POSTS"))
        return
    if waited is not None and waited < new_member_wait:
        refuse_wait(new_member_wait)
    raise PermissionDenied(
        _(
            "New members can write %(limit)s posts a day, until a few of their posts have "
            "been read without complaint. Please come back tomorrow."
        )
        % {"limit": daily}
    )


def check_upload_allowed(user) -> None:
    """A limit on requests carrying files, counted before anything else looks at them, refused
    requests included (a refusal still cost the upload)."""
    if not ratelimit.allow(
        f"forum-uploads:user:{user.pk}",
        limit=forum_setting("UPLOAD_REQUESTS_PER_HOUR"),
        period=3600,
    ):
        raise PermissionDenied(_("You have sent files too often. Please try again in an hour."))


def check_can_start_topic(user, category) -> None:
    check_can_view(user, category)
    check_can_write(user)
    check_rate_limit(user)


def check_can_draft(user, topic) -> None:
    """Writing a reply (preview, draft) without posting it: no rate limit."""
    check_can_view(user, topic)
    check_can_write(user)
    if topic.is_locked and not access.is_moderator(user):
        raise PermissionDenied(_("This topic is closed for replies."))


def check_can_reply(user, topic) -> None:
    check_can_draft(user, topic)
    check_rate_limit(user)


def check_can_post_pseudonymously(user, category) -> None:
    if not category.allow_pseudonymous:
        raise PermissionDenied(_("This category does not allow posting without your name."))


def can_edit(user, post) -> bool:
    if access.is_moderator(user):
        return True
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and not post.topic.is_locked
        and access.is_shown(post)
    )


def check_can_edit(user, post) -> None:
    check_can_view(user, post)
    if not can_edit(user, post):
        raise PermissionDenied(_("You cannot edit this post."))
    if not access.is_moderator(user):
        check_can_write(user)


def check_can_delete(user, post) -> None:
    check_can_view(user, post)
    if not (user.is_authenticated and post.author_id == user.pk):
        raise PermissionDenied(_("Only its author can delete a post."))


def can_see_history(user, post) -> bool:
    return access.is_moderator(user) or (user.is_authenticated and post.author_id == user.pk)


def check_can_see_history(user, post) -> None:
    check_can_view(user, post)
    if not can_see_history(user, post):
        raise Http404


def can_mark_solved(user, topic) -> bool:
    return access.is_moderator(user) or (
        user.is_authenticated and topic.author_id == user.pk and access.is_member(user)
    )


def check_can_mark_solved(user, topic) -> None:
    check_can_view(user, topic)
    if not can_mark_solved(user, topic):
        raise PermissionDenied(_("Only the topic's author or a moderator can mark a solution."))


def check_can_react(user, post) -> None:
    check_can_view(user, post)
    if not access.is_member(user):
        raise PermissionDenied(_("Only partner members can react to posts."))
    if post.author_id == user.pk:
        raise PermissionDenied(_("You cannot react to your own post."))


def check_can_report(user, post) -> None:
    check_can_view(user, post)
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to report a post."))
