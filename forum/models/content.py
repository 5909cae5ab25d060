"""What members write: categories, topics, posts and what hangs on posts."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.search import index

from home.sanitize import SanitizedHTMLField, plain_text, single_line
from partners import access
from partners.models import AudienceMixin, Region

from ..storage import private_storage

# Category names and descriptions have one field per language; English is the required one.
# One row per category keeps its audience and groups in one place for partners.access.
TRANSLATED_LANGUAGES = ("fr", "es", "ar")

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # and six hexadecimal digits, e.g. #0b5c8a.")
)


def _subscription_level(user, field: str):
    """An annotation: ``user``'s subscription level for the row ('' when none)."""
    from .members import Subscription

    if not user.is_authenticated:
        return models.Value("", models.CharField())
    level = Subscription.objects.filter(user=user, **{field: OuterRef("pk")}).values("level")
    return Coalesce(Subquery(level[:1]), models.Value(""))


class CategoryQuerySet(models.QuerySet):
    def with_subscription(self, user):
        return self.annotate(my_level=_subscription_level(user, "category"))

    def for_index(self, user):
        """The forum index: categories ``user`` may read with their last post, its topic and
        author, in one query."""
        return access.visible(self, user, purpose=access.READ).select_related(
            "last_post__topic", "last_post__author__profile"
        )


class Category(AudienceMixin, models.Model):
    name = models.CharField(_("name"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=100, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#0b5c8a",
        validators=[hex_colour],
        help_text=_("A hexadecimal colour such as #0b5c8a, shown beside the name."),
    )
    order = models.IntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))
    is_sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_(
            "Kept out of feeds, digests and other people's search results; "
            "notifications about it carry no titles."
        ),
    )
    allow_pseudonymous = models.BooleanField(
        _("allow posting as 'a partner from <region>'"),
        default=False,
        help_text=_("Members may hide their name from other members; moderators still see it."),
    )
    # Kept up to date by forum.services; they count what members see (no hidden posts).
    topic_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_post = models.ForeignKey(
        "forum.Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forum:category", args=[self.slug])

    def _localised(self, field: str) -> str:
        language = (get_language() or "en").split("-")[0]
        if language in TRANSLATED_LANGUAGES:
            value = getattr(self, f"{field}_{language}")
            if value:
                return value
        return getattr(self, field)

    @property
    def display_name(self) -> str:
        return self._localised("name")

    @property
    def display_description(self) -> str:
        return self._localised("description")


class TopicTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "forum.Topic", on_delete=models.CASCADE, related_name="tagged_items"
    )


_BYLINE = ("is_pseudonymous", "pseudonym_region", "author_id", "topic_id", "created_at")
LISTING_RELATED_FIELDS = (
    "category__slug",
    "category__name",
    *(f"category__name_{code}" for code in TRANSLATED_LANGUAGES),
    *(f"{post}__{field}" for post in ("first_post", "last_post") for field in _BYLINE),
    *(
        f"{post}__author__{field}"
        for post in ("first_post", "last_post")
        for field in ("id", "is_active", "profile__display_name", "profile__user_id")
    ),
)


class TopicQuerySet(models.QuerySet):
    def with_subscription(self, user):
        return self.annotate(my_level=_subscription_level(user, "topic"))

    def with_draft(self, user):
        """Annotate the reply ``user`` left as a draft here (``draft_markdown``,
        ``draft_language``, ``draft_reply_to``; None without one), in the same query."""
        from .members import Draft

        if not user.is_authenticated:
            return self.annotate(draft_markdown=models.Value(None, models.TextField()))
        draft = Draft.objects.filter(user=user, topic=OuterRef("pk"))
        return self.annotate(
            draft_markdown=Subquery(draft.values("markdown")[:1]),
            draft_language=Subquery(draft.values("language")[:1]),
            draft_reply_to=Subquery(draft.values("reply_to_id")[:1]),
        )

    def with_read_state(self, user):
        """Annotate ``last_read`` (the last position ``user`` read, or None) without a query
        per topic."""
        from .members import ReadState

        if not user.is_authenticated:
            return self.annotate(last_read=models.Value(None, models.IntegerField()))
        read = ReadState.objects.filter(user=user, topic=OuterRef("pk"))
        return self.annotate(last_read=Subquery(read.values("last_read_position")[:1]))

    def for_listing(self, user):
        """Topic lists: one query for the topics with category, first and last post authors
        and read state, one for the tags."""
        return (
            access.visible(self, user, purpose=access.READ)
            .with_read_state(user)
            .select_related("category", "first_post__author__profile", "last_post__author__profile")
            # Listings show each post's byline (forum/includes/byline.html) and the category's
            # name and link, never the posts' text or the accounts' other columns: loading
            # fewer columns into fewer model fields is most of a listing's cost.
            .only(*(f.name for f in self.model._meta.concrete_fields), *LISTING_RELATED_FIELDS)
            .prefetch_related("tags")
            .order_by("-is_pinned", "-last_posted_at", "-pk")
        )


class Topic(index.Indexed, models.Model):
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="topics", verbose_name=_("category")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_topics",
    )
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    is_deleted = models.BooleanField(_("deleted by its author"), default=False)
    first_post = models.ForeignKey(
        "forum.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_post = models.ForeignKey(
        "forum.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    solved_post = models.ForeignKey(
        "forum.Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("solution"),
    )
    # Denormalised by forum.services: visible replies, and the highest position (pagination).
    reply_count = models.PositiveIntegerField(default=0)
    last_position = models.PositiveIntegerField(default=0)
    last_posted_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    tags = TaggableManager(through=TopicTag, blank=True, verbose_name=_("tags"))

    objects = TopicQuerySet.as_manager()

    # Index updates go through forum.search_index, which never lets a search failure break
    # saving a post.
    search_auto_update = False
    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.FilterField("id"),  # partners.access.searchable: topics found directly
        index.FilterField("category"),
        index.FilterField("is_hidden"),
        index.FilterField("is_deleted"),
    ]

    class Meta:
        verbose_name = pgettext_lazy("forum", "topic")
        verbose_name_plural = pgettext_lazy("forum", "topics")
        indexes = [
            models.Index(fields=["category", "is_pinned", "last_posted_at"]),
            # The forum index's "latest topics" across categories: the bench measured 54 ms
            # without it (a join over every topic before the top-N sort), 0.3 ms with it.
            models.Index(
                F("is_pinned").desc(),
                F("last_posted_at").desc(),
                F("id").desc(),
                name="forum_topic_latest",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Titles go into mail subjects, where a line break is a refused header.
        self.title = single_line(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("forum:topic", args=[self.pk, self.slug])

    def page_of(self, position: int) -> int:
        from ..conf import forum_setting

        return (max(position, 1) - 1) // forum_setting("POSTS_PER_PAGE") + 1

    @property
    def is_solved(self) -> bool:
        return self.solved_post_id is not None


class PostQuerySet(models.QuerySet):
    def for_topic_page(self, user=None):
        """The posts of one topic page: authors and profiles in the same query, and whether
        ``user`` bookmarked each (``bookmarked``)."""
        from .members import Bookmark

        posts = self.select_related("author__profile", "reply_to").order_by("position")
        if user is not None and user.is_authenticated:
            mine = Bookmark.objects.filter(user=user, post=OuterRef("pk"))
            posts = posts.annotate(bookmarked=Exists(mine))
        return posts


class Post(index.Indexed, models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    position = models.PositiveIntegerField(_("position in the topic"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_posts",
    )
    is_pseudonymous = models.BooleanField(_("posted as a partner from a region"), default=False)
    pseudonym_region = models.CharField(
        _("region shown instead of the author"),
        max_length=32,
        choices=Region.choices,
        blank=True,
    )
    markdown = models.TextField(_("text"), max_length=20000)
    # Rendered and cleaned by home.sanitize when saved; read paths never render Markdown.
    html = SanitizedHTMLField(editable=False)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reaction_counts = models.JSONField(default=dict, blank=True, editable=False)
    has_attachments = models.BooleanField(default=False, editable=False)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    is_deleted = models.BooleanField(_("deleted by its author"), default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    edit_count = models.PositiveIntegerField(default=0)
    edited_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = PostQuerySet.as_manager()

    # Never index the author: a search for a member's name must not find their
    # pseudonymous posts.
    search_auto_update = False
    search_fields = [
        index.SearchField("search_text"),
        index.FilterField("id"),  # partners.access.searchable
        index.RelatedFields(
            "topic",
            [
                index.SearchField("title"),
                index.FilterField("category"),
                index.FilterField("is_hidden"),
                index.FilterField("is_deleted"),
            ],
        ),
        index.FilterField("topic"),
        index.FilterField("is_hidden"),
        index.FilterField("is_deleted"),
    ]

    class Meta:
        verbose_name = pgettext_lazy("forum", "post")
        verbose_name_plural = pgettext_lazy("forum", "posts")
        indexes = [models.Index(fields=["topic", "position"])]
        ordering = ["topic", "position"]

    def __str__(self):
        return f"{self.topic} #{self.position}"

    def get_absolute_url(self):
        """The permalink: reveals nothing about the topic until access is checked."""
        return reverse("forum:post", args=[self.pk])

    @property
    def is_first(self) -> bool:
        return self.position == 1

    def search_text(self) -> str:
        return plain_text(self.html) if access.is_shown(self) else ""


class Mention(models.Model):
    """A member a post mentions (and notified), kept as a row: the post's HTML is what members
    wrote, and a hand-written link to a profile must never count as a mention."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_mentions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="forum_unique_mention")
        ]

    def __str__(self):
        return f"{self.user_id} in {self.post_id}"


class PostRevision(models.Model):
    """An earlier version of a post, kept when it is edited. Seen by the author and moderators."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    markdown = models.TextField()
    html = SanitizedHTMLField()
    written_at = models.DateTimeField(help_text=_("When this version was written."))
    replaced_at = models.DateTimeField(default=timezone.now)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason for the edit"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")
        ordering = ["-replaced_at", "-pk"]

    def __str__(self):
        return f"{self.post} ({self.written_at:%Y-%m-%d %H:%M})"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        HELPFUL = "helpful", _("Helpful")
        THANKS = "thanks", _("Thank you")
        INSIGHTFUL = "insightful", _("Insightful")
        SUPPORT = "support", _("In support")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reactions"
    )
    kind = models.CharField(_("reaction"), max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="forum_unique_reaction")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.post}"


def attachment_path(instance, filename):
    # A random name: the original name is kept in the database only.
    import secrets

    return f"attachments/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{instance.extension}"


class Attachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(storage=private_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=120)
    extension = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    is_image = models.BooleanField(default=False)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("forum:attachment", args=[self.pk, self.shown_name])

    @property
    def shown_name(self) -> str:
        """A pseudonymous post's files lose their names: a name can give an author away."""
        if self.post.is_pseudonymous:
            return f"attachment-{self.pk}.{self.extension}"
        return self.original_name
