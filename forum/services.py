"""Everything that writes to the forum, with its side effects: counters, read state,
following, search index, notifications and the moderation log.

Views check permissions (forum.permissions) and call these; these trust their caller.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, F, Max
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.text import slugify

from home import pagecache
from partners import access, notifications
from partners.models import Membership, Region

from . import search_index
from .attachments import PreparedUpload, save_attachment, stored_files_removed_on_failure
from .conf import forum_setting
from .markup import render_post
from .models import (
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
    Silence,
    Subscription,
    Topic,
    Visit,
)

Action = ModerationAction.Action


class EditConflict(Exception):
    """The post changed since the editor opened it: saving would overwrite someone's words."""

    def __init__(self, post: Post):
        super().__init__(post.pk)
        self.post = post


def _slug(title: str) -> str:
    return slugify(title, allow_unicode=True)[:80].strip("-") or "topic"


def pseudonym_region(user) -> str:
    """The region of the author's (first) organisation, shown instead of their name."""
    membership = (
        Membership.objects.filter(user=user).select_related("organisation").order_by("pk").first()
    )
    return membership.organisation.region if membership else Region.GLOBAL


def _add_post(
    topic: Topic,
    *,
    author,
    markdown: str,
    language: str,
    position: int,
    pseudonymous: bool,
    reply_to: Post | None = None,
    files: Sequence[PreparedUpload] = (),
) -> tuple[Post, list]:
    html, mentioned = render_post(markdown, topic=topic)
    post = Post.objects.create(
        topic=topic,
        position=position,
        author=author,
        is_pseudonymous=pseudonymous,
        pseudonym_region=pseudonym_region(author) if pseudonymous else "",
        markdown=markdown,
        html=html,
        language=language,
        reply_to=reply_to,
        has_attachments=bool(files),
    )
    for upload in files:
        save_attachment(post, upload, uploader=author)  # AttachmentNotStored: all rolled back
    mentioned = [user for user in mentioned if user.pk != author.pk]
    Mention.objects.bulk_create([Mention(post=post, user=user) for user in mentioned])
    return post, mentioned


def _follow_by_default(user, topic: Topic) -> None:
    """Topics you write in are tracked unless you chose otherwise."""
    Subscription.objects.get_or_create(
        user=user, topic=topic, defaults={"level": Subscription.Level.TRACK}
    )


def _notify(post: Post, mentioned: Iterable, *, only_mentions: bool = False) -> None:
    from .tasks import notify_about_post

    notify_about_post.enqueue(post.pk, [user.pk for user in mentioned], only_mentions)


@stored_files_removed_on_failure
@transaction.atomic
def create_topic(
    *,
    author,
    category: Category,
    title: str,
    markdown: str,
    language: str,
    tags: Sequence[str] = (),
    pseudonymous: bool = False,
    files: Sequence[PreparedUpload] = (),
) -> Topic:
    topic = Topic.objects.create(
        category=category, title=title, slug=_slug(title), author=author, last_position=1
    )
    post, mentioned = _add_post(
        topic,
        author=author,
        markdown=markdown,
        language=language,
        position=1,
        pseudonymous=pseudonymous,
        files=files,
    )
    topic.first_post = topic.last_post = post
    topic.last_posted_at = topic.created_at = post.created_at
    topic.save(update_fields=["first_post", "last_post", "last_posted_at", "created_at"])
    if tags:
        topic.tags.set(list(tags))
    Category.objects.filter(pk=category.pk).update(
        topic_count=F("topic_count") + 1, post_count=F("post_count") + 1, last_post=post
    )
    _follow_by_default(author, topic)
    search_index.update(topic)
    search_index.update(post)
    _notify(post, mentioned)
    return topic


@stored_files_removed_on_failure
@transaction.atomic
def create_reply(
    *,
    author,
    topic: Topic,
    markdown: str,
    language: str,
    reply_to: Post | None = None,
    pseudonymous: bool = False,
    files: Sequence[PreparedUpload] = (),
) -> Post:
    # Lock the topic row so two replies never get the same position.
    locked = Topic.objects.select_for_update().get(pk=topic.pk)
    post, mentioned = _add_post(
        locked,
        author=author,
        markdown=markdown,
        language=language,
        position=locked.last_position + 1,
        pseudonymous=pseudonymous,
        reply_to=reply_to,
        files=files,
    )
    Topic.objects.filter(pk=topic.pk).update(
        reply_count=F("reply_count") + 1,
        last_position=post.position,
        last_post=post,
        last_posted_at=post.created_at,
    )
    # The category's counters and "last post" show on the index to everyone who may see the
    # category: a reply in a hidden topic (a moderator's) must not name that topic there.
    if access.is_shown(locked):
        Category.objects.filter(pk=locked.category_id).update(
            post_count=F("post_count") + 1, last_post=post
        )
    _follow_by_default(author, locked)
    Draft.objects.filter(user=author, topic=locked).delete()
    search_index.update(post)
    _notify(post, mentioned)
    return post


@transaction.atomic
def edit_post(
    post: Post,
    *,
    editor,
    markdown: str,
    language: str | None = None,
    reason: str = "",
    title: str | None = None,
    version: int | None = None,
) -> Post:
    """Keep the current version as a revision, then save the new one. New mentions are
    notified; old ones are not notified twice.

    ``version`` is the ``edit_count`` the editor saw when they opened the form: if the post
    was saved since (by its author in another tab, or by a moderator), nothing is written and
    ``EditConflict`` is raised. The check is part of the UPDATE itself, so two saves racing
    each other cannot both pass it."""
    if version is not None and version != post.edit_count:
        raise EditConflict(post)
    html, mentioned = render_post(markdown, topic=post.topic)
    edited_at = timezone.now()
    saved = Post.objects.filter(pk=post.pk, edit_count=post.edit_count).update(
        html=html,
        markdown=markdown,
        language=language or post.language,
        edit_count=F("edit_count") + 1,
        edited_at=edited_at,
    )
    if not saved:
        raise EditConflict(post)
    pagecache.changed()  # a direct update: no save signal tells the kept public pages
    PostRevision.objects.create(
        post=post,
        markdown=post.markdown,
        html=post.html,
        written_at=post.edited_at or post.created_at,
        replaced_by=editor,
        reason=reason,
    )
    already = set(post.mentions.values_list("user_id", flat=True))
    post.html, post.markdown = html, markdown
    post.language = language or post.language
    post.edit_count += 1
    post.edited_at = edited_at
    if title and post.is_first and title != post.topic.title:
        topic = post.topic
        topic.title, topic.slug = title, _slug(title)
        topic.save(update_fields=["title", "slug"])
        search_index.update(topic)
        from .tasks import reindex_topic_posts

        reindex_topic_posts.enqueue(topic.pk)
    if editor.pk != post.author_id:
        log(editor, Action.EDIT_POST, post=post, member=post.author, reason=reason)
    search_index.update(post)
    new = [user for user in mentioned if user.pk not in already and user.pk != post.author_id]
    Mention.objects.bulk_create([Mention(post=post, user=user) for user in new])
    if new:
        _notify(post, new, only_mentions=True)
    return post


@transaction.atomic
def delete_own_post(post: Post, *, user) -> None:
    """The author's deletion: gone from pages, revisions, search, notifications and feeds.
    The current text stays in the database so a moderator can restore it."""
    post.is_deleted = True
    post.deleted_at = timezone.now()
    post.save(update_fields=["is_deleted", "deleted_at"])
    post.revisions.all().delete()
    notifications.delete_about(Post, [post.pk])
    search_index.remove(post)
    topic = post.topic
    if post.is_first:
        topic.is_deleted = True
        topic.save(update_fields=["is_deleted"])
        notifications.delete_about(Post, topic.posts.values("pk"))
        search_index.remove(topic)
    refresh_topic(topic)
    refresh_category(topic.category)


def erase_member_content(user) -> None:
    """A member deleting their account: every post they wrote is emptied and deleted, with
    its revisions, notifications and index entries. Topics others replied to stay, without
    the first post's text."""
    posts = list(Post.objects.filter(author=user).select_related("topic"))
    topics, categories = set(), set()
    for post in posts:
        search_index.remove(post)
        topics.add(post.topic)
    PostRevision.objects.filter(post__in=posts).delete()
    notifications.delete_about(Post, [post.pk for post in posts])
    pagecache.changed()  # a direct update below: no save signal tells the kept public pages
    Post.objects.filter(pk__in=[p.pk for p in posts]).update(
        markdown="",
        html="",
        is_deleted=True,
        deleted_at=timezone.now(),
        author=None,
        is_pseudonymous=False,
        pseudonym_region="",
    )
    for topic in topics:
        topic.refresh_from_db()
        if not topic.posts.filter(is_deleted=False).exclude(author=None).exists():
            topic.is_deleted = True
            topic.save(update_fields=["is_deleted"])
            notifications.delete_about(Post, topic.posts.values("pk"))
            search_index.remove(topic)
        refresh_topic(topic)
        categories.add(topic.category)
    for category in categories:
        refresh_category(category)


def refresh_topic(topic: Topic) -> None:
    """Recount a topic's replies and find its last visible post."""
    visible = access.shown(topic.posts.all())
    last = visible.order_by("-position").first()
    topic.reply_count = visible.filter(position__gt=1).count()
    topic.last_position = topic.posts.aggregate(m=Max("position"))["m"] or 0
    topic.first_post = topic.posts.filter(position=1).first()
    topic.last_post = last
    topic.last_posted_at = last.created_at if last else topic.created_at
    topic.save(
        update_fields=["reply_count", "last_position", "first_post", "last_post", "last_posted_at"]
    )


def refresh_category(category: Category) -> None:
    topics = access.shown(category.topics.all())
    posts = access.shown(Post.objects.filter(topic__in=topics))
    category.topic_count = topics.count()
    category.post_count = posts.count()
    category.last_post = posts.order_by("-created_at", "-pk").first()
    category.save(update_fields=["topic_count", "post_count", "last_post"])


# --- Reading, following, reacting -----------------------------------------------------------


def mark_read(user, topic: Topic, position: int) -> None:
    """Remember that ``user`` read ``topic`` up to ``position`` (never moving backwards).
    One query once the row exists."""
    updated = ReadState.objects.filter(user=user, topic=topic).update(
        last_read_position=Greatest(F("last_read_position"), position), updated_at=timezone.now()
    )
    if not updated:
        # No savepoint dance: a concurrent first read simply loses the race.
        ReadState.objects.bulk_create(
            [ReadState(user=user, topic=topic, last_read_position=position)],
            ignore_conflicts=True,
        )


def touch_visit(user, *, now: datetime | None = None) -> datetime:
    """Record a forum page view; return when the member's previous visit ended (topics
    newer than that are "new since your last visit")."""
    now = now or timezone.now()
    visit = Visit.objects.filter(user=user).first()
    if visit is None:
        # A first visit: everything from the last week counts as new.
        visit = Visit.objects.create(
            user=user, last_seen_at=now, previous_visit_at=now - timedelta(days=7)
        )
        return visit.previous_visit_at
    gap = timedelta(minutes=forum_setting("VISIT_GAP_MINUTES"))
    if now - visit.last_seen_at > gap:
        visit.previous_visit_at = visit.last_seen_at
        visit.last_seen_at = now
        visit.save(update_fields=["previous_visit_at", "last_seen_at"])
    elif now - visit.last_seen_at > timedelta(minutes=5):
        visit.last_seen_at = now
        visit.save(update_fields=["last_seen_at"])
    return visit.previous_visit_at


def set_subscription(
    user, *, level: str, topic: Topic | None = None, category: Category | None = None
) -> Subscription | None:
    """Watch, track or mute a topic or a category; an empty level removes the setting."""
    target = {"topic": topic} if topic is not None else {"category": category}
    if not level:
        Subscription.objects.filter(user=user, **target).delete()
        return None
    subscription, _ = Subscription.objects.update_or_create(
        user=user, **target, defaults={"level": level}
    )
    return subscription


@transaction.atomic
def toggle_reaction(post: Post, *, user, kind: str) -> bool:
    """Add or take back a reaction; returns whether it is now there. The post's author is
    told once per post (the reaction notification names nobody: who reacted is not said)."""
    deleted, _ = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    if not deleted:
        Reaction.objects.get_or_create(post=post, user=user, kind=kind)
    counts = dict(Reaction.objects.filter(post=post).values_list("kind").annotate(n=Count("pk")))
    Post.objects.filter(pk=post.pk).update(reaction_counts=counts)
    post.reaction_counts = counts
    if not deleted and post.author_id and post.author_id != user.pk:
        from .tasks import notify_about_reaction

        notify_about_reaction.enqueue(post.pk)
    return not deleted


# --- Drafts and bookmarks -------------------------------------------------------------------


def save_draft(
    user, *, topic: Topic, markdown: str, language: str = "", reply_to: Post | None = None
) -> Draft | None:
    """Keep the member's unposted reply on the server (one per topic); an empty text
    removes the draft."""
    if not markdown.strip():
        discard_draft(user, topic=topic)
        return None
    draft, _ = Draft.objects.update_or_create(
        user=user,
        topic=topic,
        defaults={
            "markdown": markdown,
            "language": language,
            "reply_to": reply_to,
            "updated_at": timezone.now(),
        },
    )
    return draft


def discard_draft(user, *, topic: Topic) -> None:
    Draft.objects.filter(user=user, topic=topic).delete()


def delete_old_drafts(*, now: datetime | None = None) -> int:
    """Drafts untouched for ``DRAFT_DAYS`` days go."""
    cutoff = (now or timezone.now()) - timedelta(days=forum_setting("DRAFT_DAYS"))
    deleted, _ = Draft.objects.filter(updated_at__lt=cutoff).delete()
    return deleted


def toggle_bookmark(post: Post, *, user) -> bool:
    """Bookmark a post or take the bookmark away; returns whether it is now bookmarked."""
    deleted, _ = Bookmark.objects.filter(post=post, user=user).delete()
    if not deleted:
        Bookmark.objects.get_or_create(post=post, user=user)
    return not deleted


def set_bookmark_reminder(post: Post, *, user, remind_at: datetime | None) -> Bookmark:
    """Bookmark ``post`` (if it is not yet) with a reminder at ``remind_at`` (``None``: no
    reminder). A new time means a new reminder, even if an earlier one was sent."""
    bookmark, _ = Bookmark.objects.update_or_create(
        post=post, user=user, defaults={"remind_at": remind_at, "reminded_at": None}
    )
    return bookmark


def mark_solved(topic: Topic, post: Post | None, *, user) -> None:
    """Mark ``post`` as the topic's solution (``None`` clears it)."""
    topic.solved_post = post
    topic.save(update_fields=["solved_post"])
    if user.pk != topic.author_id:
        log(
            user, Action.SOLVE, topic=topic, post=post, reason="", details={"cleared": post is None}
        )


def report_post(post: Post, *, reporter, reason: str, details: str = "") -> Report:
    """One open report per person and post: reporting again updates it."""
    report = Report.objects.open().filter(post=post, reporter=reporter).first()
    if report is None:
        return Report.objects.create(post=post, reporter=reporter, reason=reason, details=details)
    report.reason, report.details = reason, details
    report.save(update_fields=["reason", "details"])
    return report


# --- Moderation -----------------------------------------------------------------------------


def log(
    moderator,
    action: str,
    *,
    reason: str,
    topic: Topic | None = None,
    post: Post | None = None,
    member=None,
    details: dict | None = None,
) -> ModerationAction:
    """Write one line of the audit log."""
    return ModerationAction.objects.create(
        moderator=moderator,
        action=action,
        topic=topic or (post.topic if post else None),
        post=post,
        member=member,
        reason=reason,
        details=details or {},
    )


@transaction.atomic
def set_post_hidden(post: Post, hidden: bool, *, moderator, reason: str) -> None:
    post.is_hidden = hidden
    if not hidden:
        # Restoring also undoes the author's own deletion.
        post.is_deleted = False
        post.deleted_at = None
    post.save(update_fields=["is_hidden", "is_deleted", "deleted_at"])
    if post.is_first and not hidden and post.topic.is_deleted:
        post.topic.is_deleted = False
        post.topic.save(update_fields=["is_deleted"])
        search_index.update(post.topic)
    refresh_topic(post.topic)
    refresh_category(post.topic.category)
    search_index.update(post)
    log(
        moderator,
        Action.HIDE_POST if hidden else Action.RESTORE_POST,
        post=post,
        member=post.author,
        reason=reason,
    )


@transaction.atomic
def set_topic_hidden(topic: Topic, hidden: bool, *, moderator, reason: str) -> None:
    topic.is_hidden = hidden
    if not hidden:
        topic.is_deleted = False
    topic.save(update_fields=["is_hidden", "is_deleted"])
    refresh_category(topic.category)
    search_index.update(topic)
    log(
        moderator,
        Action.HIDE_TOPIC if hidden else Action.RESTORE_TOPIC,
        topic=topic,
        member=topic.author,
        reason=reason,
    )


def set_topic_locked(topic: Topic, locked: bool, *, moderator, reason: str) -> None:
    topic.is_locked = locked
    topic.save(update_fields=["is_locked"])
    log(moderator, Action.LOCK if locked else Action.UNLOCK, topic=topic, reason=reason)


def set_topic_pinned(topic: Topic, pinned: bool, *, moderator, reason: str) -> None:
    topic.is_pinned = pinned
    topic.save(update_fields=["is_pinned"])
    log(moderator, Action.PIN if pinned else Action.UNPIN, topic=topic, reason=reason)


@transaction.atomic
def move_topic(topic: Topic, *, category: Category, moderator, reason: str) -> None:
    old = topic.category
    topic.category = category
    topic.save(update_fields=["category"])
    refresh_category(old)
    refresh_category(category)
    forget_lost_access_to_topic(topic)
    _reindex(topic)
    log(
        moderator,
        Action.MOVE,
        topic=topic,
        reason=reason,
        details={"from": old.slug, "to": category.slug},
    )


@transaction.atomic
def split_topic(
    topic: Topic, *, posts: Sequence[Post], title: str, category: Category, moderator, reason: str
) -> Topic:
    """Move ``posts`` (replies of ``topic``) into a new topic, keeping their order."""
    posts = sorted(posts, key=lambda p: p.position)
    first = posts[0]
    new = Topic.objects.create(
        category=category,
        title=title,
        slug=_slug(title),
        author=first.author,
        created_at=first.created_at,
    )
    pagecache.changed()  # posts move by direct updates: no save signal tells the kept pages
    for position, post in enumerate(posts, start=1):
        Post.objects.filter(pk=post.pk).update(topic=new, position=position)
    moved_ids = [p.pk for p in posts]
    if topic.solved_post_id in moved_ids:
        topic.solved_post = None
        topic.save(update_fields=["solved_post"])
    # Close the gaps the moved posts left.
    for position, post in enumerate(topic.posts.order_by("position"), start=1):
        if post.position != position:
            Post.objects.filter(pk=post.pk).update(position=position)
    for changed in (topic, new):
        refresh_topic(changed)
    refresh_category(topic.category)
    if category.pk != topic.category_id:
        refresh_category(category)
    forget_lost_access_to_topic(new)
    _reindex(new)
    log(
        moderator,
        Action.SPLIT,
        topic=topic,
        reason=reason,
        details={"new_topic": new.pk, "posts": moved_ids},
    )
    return new


def _reindex(topic: Topic) -> None:
    search_index.update(topic)
    from .tasks import reindex_topic_posts

    reindex_topic_posts.enqueue(topic.pk)


def silence_member(member, *, until: datetime, moderator, reason: str) -> Silence:
    silence = Silence.objects.create(user=member, until=until, reason=reason, created_by=moderator)
    log(
        moderator,
        Action.SILENCE,
        member=member,
        reason=reason,
        details={"until": until.isoformat()},
    )
    return silence


def lift_silences(member, *, moderator, reason: str) -> None:
    Silence.objects.filter(user=member).active().update(lifted_at=timezone.now())
    log(moderator, Action.UNSILENCE, member=member, reason=reason)


def resolve_report(report: Report, *, moderator, resolution: str) -> None:
    report.resolved_at = timezone.now()
    report.resolved_by = moderator
    report.resolution = resolution
    report.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    log(
        moderator,
        Action.RESOLVE_REPORT,
        post=report.post,
        reason=resolution,
        details={"report": report.pk, "report_reason": report.reason},
    )


# --- Losing access --------------------------------------------------------------------------


def forget_lost_access_in_category(category: Category) -> None:
    """After a category's audience narrowed: notifications about its posts that their
    recipients may no longer see go."""
    notifications.forget_lost_access_about(
        Post, Post.objects.filter(topic__category=category).values("pk")
    )


def forget_lost_access_to_topic(topic: Topic) -> None:
    notifications.forget_lost_access_about(Post, topic.posts.values("pk"))


# --- Private feeds --------------------------------------------------------------------------


def create_feed_token(user) -> str:
    """A new secret for ``user``'s private feed address, replacing (revoking) any old one.
    Returned once; only its hash is kept."""
    import secrets

    from .models import FeedToken, hash_token

    token = secrets.token_urlsafe(24)
    FeedToken.objects.update_or_create(
        user=user,
        defaults={
            "token_hash": hash_token(token),
            "created_at": timezone.now(),
            "last_used_at": None,
        },
    )
    return token


def revoke_feed_token(user) -> None:
    from .models import FeedToken

    FeedToken.objects.filter(user=user).delete()
