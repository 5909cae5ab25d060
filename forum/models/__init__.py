"""The forum's models, in three files by kind: content, members, moderation."""

from .content import (
    Attachment,
    Category,
    Post,
    PostRevision,
    Reaction,
    Topic,
    TopicTag,
    hex_colour,
)
from .members import (
    FeedToken,
    Notification,
    NotificationPreference,
    ReadState,
    Subscription,
    Visit,
    hash_token,
)
from .moderation import ModerationAction, Report, Silence

__all__ = [
    "Attachment",
    "Category",
    "FeedToken",
    "ModerationAction",
    "Notification",
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
