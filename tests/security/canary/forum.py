"""The forum: a category per audience (public, members, the working group's, a sensitive one),
each with a topic, replies, tags, an attachment (marker in its name and its bytes), reactions
and a report; a topic moved from the public category to the group's; a hidden topic, a hidden
post and a post its author deleted; a post edited since (its earlier text and the topic's
earlier title); moderation reasons; notifications, immediate mails and digests."""

from __future__ import annotations

import datetime

from django.utils import timezone

from forum import services
from forum.attachments import PreparedUpload
from forum.factories import CategoryFactory, make_reply, make_topic
from forum.models import (
    Attachment,
    Category,
    NotificationPreference,
    Report,
    Subscription,
    Topic,
)
from forum.tasks import send_bookmark_reminders, send_daily_digests
from partners.models import Audience

from .world import World

# (key, audience, level of the category's own name and description, level of its content)
CATEGORIES = (
    ("public", Audience.PUBLIC, "public", "public"),
    ("members", Audience.MEMBERS, "members", "members"),
    ("group", Audience.GROUPS, "group_category", "group"),
    ("sensitive", Audience.GROUPS, "sensitive_category", "sensitive"),
)


def _category(world: World, key: str, audience: str, level: str, **kwargs) -> Category:
    texts = {
        f"{field}{suffix}": world.marker(level, f"forum.Category.{field}{suffix} ({key})")
        for field in ("name", "description")
        for suffix in ("", "_fr", "_es", "_ar")
    }
    category = CategoryFactory(
        slug=world.marker(level, f"forum.Category.slug ({key})"),
        audience=audience,
        **texts,
        **kwargs,
    )
    if audience == Audience.GROUPS:
        category.groups.add(world.objects["working_group"])
    return category


def _pdf(world: World, level: str, where: str) -> PreparedUpload:
    content = f"%PDF-1.4\n% {world.marker(level, f'forum.Attachment.file ({where})')}\n%%EOF\n"
    return PreparedUpload(
        content=content.encode(),
        original_name=f"{world.marker(level, f'forum.Attachment.original_name ({where})')}.pdf",
        content_type="application/pdf",
        extension="pdf",
        is_image=False,
    )


def _topic(world: World, category, level: str, where: str, *, author=None, files=True):
    """A topic with a marker in its title, text, tags and attachment."""
    return make_topic(
        category,
        author or world.objects["author"],
        title=f"Topic {world.marker(level, f'forum.Topic.title ({where})')}",
        markdown=f"Text {world.marker(level, f'forum.Post.markdown ({where}, first post)')}",
        tags=[world.marker(level, f"taggit.Tag.name ({where})")],
        files=[_pdf(world, level, where)] if files else (),
    )


def _reply(world: World, topic, level: str, where: str, *, author=None, **kwargs):
    return make_reply(
        topic,
        author or world.objects["author"],
        markdown=f"Reply {world.marker(level, f'forum.Post.markdown ({where})')}",
        **kwargs,
    )


def plant(world: World) -> None:
    categories = {
        key: world.keep(f"category_{key}", _category(world, key, audience, level))
        for key, audience, level, _content in CATEGORIES
    }
    sensitive = categories["sensitive"]
    sensitive.is_sensitive = True
    sensitive.save()
    public = categories["public"]
    moderator = world.users["moderator"]

    # What will change once everyone has looked (change()): made before anybody follows
    # anything, so no mail about it goes out while it is still public.
    world.keep("moving_topic", _topic(world, public, "moved", "moved to the group"))
    world.keep("hidden_topic", _topic(world, public, "hidden", "hidden topic"))
    edited = world.keep(
        "edited_topic",
        make_topic(
            public,
            world.objects["author"],
            title=f"Topic {world.marker('post_history', 'forum.Topic.title (before an edit)')}",
            markdown=world.marker("post_history", "forum.Post.markdown (before an edit)"),
        ),
    )
    world.keep("hidden_post", _reply(world, edited, "hidden", "hidden by a moderator"))
    world.keep("deleted_post", _reply(world, edited, "hidden", "deleted by its author"))

    # Everyone with an account follows every category, seen or not: a follow must never be
    # how something unseen arrives.
    for user in world.users.values():
        if user is not None:
            for category in categories.values():
                services.set_subscription(user, level=Subscription.Level.WATCH, category=category)

    mentions = " ".join(
        f"@{user.profile.display_name}" for user in world.users.values() if user is not None
    )
    for key, _audience, _level, level in CATEGORIES:
        topic = world.keep(f"topic_{key}", _topic(world, categories[key], level, key))
        reply = _reply(world, topic, level, f"{key}, reply")
        _reply(world, topic, level, f"{key}, mentions", reply_to=reply)
        make_reply(topic, world.objects["author"], markdown=f"{mentions} {level}")
        services.toggle_reaction(reply, user=world.objects["author"], kind="thanks")
        services.report_post(
            reply,
            reporter=world.objects["reporter"],
            reason=Report.Reason.SAFETY,
            details=world.marker("moderation", f"forum.Report.details ({key})"),
        )
    # Drafts: private to their author everywhere. Bookmarks with reminders, one on a post its
    # owner may not read (planted directly: no page offers it), reminded in change().
    services.save_draft(
        world.users["member"],
        topic=world.objects["topic_public"],
        markdown=world.marker("own_draft", "forum.Draft.markdown (member, public topic)"),
    )
    services.save_draft(
        world.users["group_member"],
        topic=world.objects["topic_group"],
        markdown=world.marker("own_group_draft", "forum.Draft.markdown (group member)"),
    )
    for role, key in (
        ("member", "topic_group"),
        ("member", "topic_public"),
        ("group_member", "topic_sensitive"),
    ):
        services.set_bookmark_reminder(
            world.objects[key].first_post, user=world.users[role], remind_at=timezone.now()
        )
    services.silence_member(
        world.objects["reporter"],
        until=timezone.now() + datetime.timedelta(days=1),
        moderator=moderator,
        reason=world.marker("moderation", "forum.Silence.reason"),
    )


def change(world: World) -> None:
    moderator = world.users["moderator"]
    author = world.objects["author"]
    services.move_topic(
        world.objects["moving_topic"],
        category=world.objects["category_group"],
        moderator=moderator,
        reason=world.marker("moderation", "forum.ModerationAction.reason (move)"),
    )
    services.set_topic_hidden(
        world.objects["hidden_topic"],
        True,
        moderator=moderator,
        reason=world.marker("moderation", "forum.ModerationAction.reason (hide topic)"),
    )
    services.set_post_hidden(
        world.objects["hidden_post"],
        True,
        moderator=moderator,
        reason=world.marker("moderation", "forum.ModerationAction.reason (hide post)"),
    )
    services.delete_own_post(world.objects["deleted_post"], user=author)
    edited = world.objects["edited_topic"]
    world.objects["edited_topic_old_slug"] = edited.slug
    services.edit_post(
        edited.first_post,
        editor=author,
        markdown=f"Edited {world.marker('public', 'forum.Post.markdown (after an edit)')}",
        title=f"Topic {world.marker('public', 'forum.Topic.title (after an edit)')}",
        reason=world.marker("post_history", "forum.PostRevision.reason"),
    )

    # Everyone who gets mail now gets a daily digest instead: new replies everywhere, the
    # moved and the hidden topic included, then the digests go out.
    for user in world.users.values():
        if user is not None:
            NotificationPreference.objects.update_or_create(
                user=user, defaults={"email": NotificationPreference.Email.DIGEST}
            )
    for key, _audience, _level, level in CATEGORIES:
        _reply(world, world.objects[f"topic_{key}"], level, f"{key}, for the digest")
    _reply(world, world.objects["moving_topic"], "moved", "moved topic, after the move")
    _reply(world, world.objects["hidden_topic"], "hidden", "hidden topic, after hiding")
    send_daily_digests.call()
    send_bookmark_reminders.call()

    for role, user in world.users.items():
        if user is not None:
            world.feed_tokens[role] = services.create_feed_token(user)


def _posts(world: World) -> list[int]:
    """Each topic's first and last post, the hidden and the deleted one, and one reply that
    has been quoted: one post of every kind, not every post."""
    posts = {world.objects["hidden_post"].pk, world.objects["deleted_post"].pk}
    for topic in Topic.objects.all():
        posts |= {topic.first_post_id, topic.last_post_id}
    return sorted(posts - {None})


def url_values(world: World) -> dict[str, list]:
    topics = list(Topic.objects.all())
    posts = _posts(world)
    categories = list(Category.objects.values_list("slug", flat=True))
    people = [
        user.pk
        for user in (*world.users.values(), world.objects["author"], world.objects["reporter"])
        if user is not None
    ]
    edited = world.objects["edited_topic"]
    return {
        "forum:category": [{"slug": slug} for slug in categories],
        "forum:new_topic": [{"slug": slug} for slug in categories],
        "forum:feed_category": [{"slug": slug} for slug in categories],
        "forum:topic_short": [{"pk": topic.pk} for topic in topics],
        "forum:reply": [{"pk": topic.pk} for topic in topics],
        "forum:topic": [{"pk": topic.pk, "slug": topic.slug} for topic in topics]
        + [{"pk": edited.pk, "slug": world.objects["edited_topic_old_slug"]}],
        "forum:moderate_topic": [{"pk": topic.pk} for topic in topics],
        "forum:move_topic": [{"pk": topic.pk} for topic in topics],
        "forum:split_topic": [{"pk": topic.pk} for topic in topics],
        **{
            f"forum:{name}": [{"pk": pk} for pk in posts]
            for name in (
                "post",
                "edit_post",
                "delete_post",
                "post_history",
                "react",
                "bookmark",
                "report",
                "solved",
                "moderate_post",
            )
        },
        "forum:subscribe": [{"kind": "topic", "key": str(topic.pk)} for topic in topics]
        + [{"kind": "category", "key": slug} for slug in categories],
        "forum:attachment": [
            {"pk": attachment.pk, "name": attachment.shown_name}
            for attachment in Attachment.objects.select_related("post")
        ],
        "forum:member": [{"pk": pk} for pk in people],
        "forum:silence": [{"pk": pk} for pk in people],
        "forum:resolve_report": [{"pk": pk} for pk in Report.objects.values_list("pk", flat=True)],
        # Each role also reads its own private feed (test_canary), never another's.
        "forum:feed_private": [{"token": "not-a-token"}],
    }


def extra_requests(world: World) -> list[tuple[str, str, dict]]:
    """Search, mention suggestions, paging and tag filters, and quoting any post from the
    public topic's reply form."""
    public_topic = world.objects["topic_public"]
    # The forum's search box asks the site search for topics and posts (its old address
    # redirects there); the site search's own sweep is in canary/search.py.
    forum_only = {"type": ["topic", "post"]}
    requests = [("get", "/en/search/", {"q": "canary", "page": p, **forum_only}) for p in (1, 2, 3)]
    for word in ("topic", "reply", "text", "edited"):
        requests.append(("get", "/en/search/", {"q": word, **forum_only}))
    for topic in Topic.objects.all():
        requests.append(("get", "/en/forum/mentions/", {"topic": topic.pk}))
        requests.append(("get", "/en/forum/mentions/", {"topic": topic.pk, "q": "canary"}))
        requests.append(("get", topic.get_absolute_url(), {"page": 2}))
        for tag in topic.tags.all():
            requests.append(("get", topic.category.get_absolute_url(), {"tag": tag.slug}))
    for pk in _posts(world):
        requests.append(("get", f"/en/forum/t/{public_topic.pk}/reply/", {"quote": pk}))
        requests.append(("get", f"/en/forum/t/{public_topic.pk}/reply/", {"to": pk}))
    return requests
