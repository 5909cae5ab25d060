from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Forum")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from partners import access

        from . import export, signals  # noqa: F401
        from .models import (
            Attachment,
            Bookmark,
            Category,
            Draft,
            Mention,
            ModerationAction,
            Post,
            PostRevision,
            Reaction,
            ReadState,
            Report,
            Subscription,
            Topic,
            TopicTag,
        )

        # Moderators read every audience and every state; nobody else sees hidden or deleted
        # topics and posts, and moderators do not find them in search, feeds or emails either.
        shown = access.State({"is_hidden": False, "is_deleted": False}, seen_by=access.is_moderator)
        access.register(
            Category,
            audience=access.OWN_AUDIENCE,
            reach=access.is_moderator,
            sensitive="is_sensitive",
        )
        access.register(Topic, parent="category", state=shown)
        access.register(Post, parent="topic", state=shown)
        access.register(Attachment, parent="post")
        access.register(Reaction, parent="post")
        access.register(TopicTag, parent="content_object")
        # Earlier versions: forum.permissions adds that only the author and moderators read them.
        access.register(PostRevision, parent="post")
        access.register(ReadState, owner="user", parent="topic")
        # Drafts and bookmarks are their owner's alone, and only while the topic or post is
        # still theirs to read.
        access.register(Draft, owner="user", parent="topic")
        access.register(Bookmark, owner="user", parent="post")
        access.register(Subscription, owner="user", parent=("topic?", "category?"))
        access.not_shown(Report, because="the moderation queue, for moderators only")
        access.not_shown(Mention, because="who a post notified; shown as the post's own links")
        access.not_shown(ModerationAction, because="the audit log, read in the Wagtail admin")
