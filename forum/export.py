"""The forum's part of a member's data export and account deletion (partners.services)."""

from wagtail import hooks

from home import hooks as home_hooks
from partners import access
from partners.services import isoformat_or_none

from . import services
from .models import (
    Bookmark,
    Draft,
    FeedToken,
    NotificationPreference,
    Post,
    Reaction,
    Report,
    Subscription,
    Topic,
)


@hooks.register(home_hooks.DATA_EXPORT)
def forum_data(user) -> tuple[str, dict]:
    """What the forum holds about ``user``: their own posts (pseudonymous ones too: they are
    the author), drafts, bookmarks, reactions, follows, reports and preferences. Titles only
    of topics they may still see: someone removed from a working group takes their words with
    them, not the group's titles."""
    visible_topics = set(
        access.visible(Topic.objects.all(), user, purpose=access.READ).values_list("pk", flat=True)
    )

    def title(topic):
        return topic.title if topic.pk in visible_topics else None

    posts = Post.objects.filter(author=user).select_related("topic").order_by("created_at")
    preference = NotificationPreference.objects.filter(user=user).first()
    return "forum", {
        "posts": [
            {
                "id": post.pk,
                "topic": title(post.topic),
                "written_at": isoformat_or_none(post.created_at),
                "edited_at": isoformat_or_none(post.edited_at),
                "language": post.language,
                "text": post.markdown,
                "pseudonymous": post.is_pseudonymous,
                "deleted": post.is_deleted,
            }
            for post in posts
        ],
        "topics_started": [
            {
                "id": topic.pk,
                "title": title(topic),
                "started_at": isoformat_or_none(topic.created_at),
            }
            for topic in Topic.objects.filter(author=user).order_by("created_at")
        ],
        "reactions": [
            {"post": post_id, "reaction": kind, "at": isoformat_or_none(at)}
            for post_id, kind, at in Reaction.objects.filter(user=user)
            .order_by("created_at")
            .values_list("post_id", "kind", "created_at")
        ],
        "following": [
            {"topic": topic_id, "category": category_id, "level": level}
            for topic_id, category_id, level in Subscription.objects.filter(user=user).values_list(
                "topic_id", "category_id", "level"
            )
        ],
        "reports_filed": [
            {
                "post": r.post_id,
                "reason": r.reason,
                "details": r.details,
                "at": isoformat_or_none(r.created_at),
            }
            for r in Report.objects.filter(reporter=user).order_by("created_at")
        ],
        "drafts": [
            {
                "topic": title(draft.topic),
                "topic_id": draft.topic_id,
                "reply_to": draft.reply_to_id,
                "text": draft.markdown,
                "language": draft.language,
                "saved_at": isoformat_or_none(draft.updated_at),
            }
            for draft in Draft.objects.filter(user=user).select_related("topic").order_by("pk")
        ],
        "bookmarks": [
            {
                "post": bookmark.post_id,
                "at": isoformat_or_none(bookmark.created_at),
                "remind_at": isoformat_or_none(bookmark.remind_at),
                "reminded_at": isoformat_or_none(bookmark.reminded_at),
            }
            for bookmark in Bookmark.objects.filter(user=user).order_by("pk")
        ],
        "email_preference": preference.email if preference else None,
        "notify_quotes": preference.notify_quotes if preference else None,
        "notify_reactions": preference.notify_reactions if preference else None,
        "private_feed": FeedToken.objects.filter(user=user).exists(),
    }


@hooks.register(home_hooks.ACCOUNT_DELETION)
def erase_forum_content(user) -> None:
    """Posts keep their place in threads, emptied and credited to "former member"; revisions,
    notifications, index entries and the member's follows, drafts, bookmarks and private
    feed go. Reactions stay
    in the counts, tied only to the scrubbed, anonymous account row."""
    services.erase_member_content(user)
    Subscription.objects.filter(user=user).delete()
    Draft.objects.filter(user=user).delete()
    Bookmark.objects.filter(user=user).delete()
    FeedToken.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    access.forget(user)
