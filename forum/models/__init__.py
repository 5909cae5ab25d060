"""The forum's models, in three files by kind: content, members, moderation."""

from .content import (
    Attachment,
    Category,
    Mention,
    Post,
    PostRevision,
    Reaction,
    Topic,
    TopicTag,
    hex_colour,
)
from .members import (
    Bookmark,
    Draft,
    FeedToken,
    NotificationPreference,
    ReadState,
    Subscription,
    Visit,
    hash_token,
)
from .moderation import ModerationAction, Report, Silence

__all__ = [
    "Attachment",
    "Bookmark",
    "Category",
    "Draft",
    "FeedToken",
    "Mention",
    "ModerationAction",
    "NotificationPreference",
    "Post",
    "PostRevision",
    "Reaction",
    "ReadState",
    "Report",
    "Silence",
    "Subscription",
    "Topic",
    "TopicTag",
    "Visit",
    "hash_token",
    "hex_colour",
]
