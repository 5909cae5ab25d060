from django import template
from django.utils.safestring import mark_safe

from home import fragments
from home.templatetags.gpe_display import avatar, relative_label

register = template.Library()


TOPIC_LIST = "forum/includes/topic_list.html"
BYLINE = "forum/includes/byline.html"


def _byline_parts(post):
    if post is None:
        return None
    author = post.author
    name = author.profile.display_name if author is not None else None
    return (post.pk, post.is_pseudonymous, post.pseudonym_region, post.author_id, name)


def _topic_parts(topic):
    category = topic.category
    return (
        topic.pk,
        topic.title,
        topic.slug,
        topic.is_pinned,
        topic.is_locked,
        topic.is_hidden,
        topic.is_deleted,
        topic.solved_post_id,
        topic.reply_count,
        topic.last_posted_at,
        relative_label(topic.last_posted_at),  # changes with time, so is part of the key
        topic.category_id,
        category.slug,
        category.display_name,
        tuple((tag.name, tag.slug) for tag in topic.tags.all()),
        _byline_parts(topic.first_post),
        _byline_parts(topic.last_post),
        getattr(topic, "is_new", False),
        getattr(topic, "unread", 0),
    )


@register.simple_tag(takes_context=True)
def topic_list(context, topics, show_category=False):
    """The topic table. For anonymous visitors (nothing personal in it: no unread marks, no
    moderators' bylines) the rendered table is kept under a key of everything it shows
    (home.fragments); members' tables are rendered every time."""
    template = context.template.engine.get_template(TOPIC_LIST)

    def render():
        with context.push(topics=topics, show_category=show_category):
            return template.render(context)

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated or context.get("can_moderate"):
        return render()
    parts = (bool(show_category), bool(context.get("is_member")), [_topic_parts(t) for t in topics])
    return fragments.kept("forum-topic-list", (TOPIC_LIST, BYLINE), parts, render)


POST = "forum/includes/post.html"
VIEWER_FLAGS = ("is_member", "can_moderate", "can_reply", "can_mark_solved")


def _post_parts(post):
    return (
        post.pk,
        post.position,
        post.is_hidden,
        post.is_deleted,
        post.shown,
        post.created_at,
        relative_label(post.created_at),  # the text changes with time, so is part of the key
        post.reply_to_id,
        post.reply_to.position if post.reply_to_id and post.reply_to else None,
        post.edit_count,
        bool(post.viewer_can_see_history),
        post.viewer_can_edit,
        post.viewer_is_author,
        post.language,
        str(post.html),
        tuple(
            (f.pk, f.shown_name, f.is_image, f.width, f.height, f.size, f.get_absolute_url())
            for f in post.files
        ),
        tuple(tuple(sorted(button.items())) for button in post.reaction_buttons),
        _byline_parts(post),
    )


@register.simple_tag
def post_avatar(post):
    """The initials avatar beside a post: from the name shown for it (a pseudonymous post's
    region, never its author's name)."""
    if post.is_pseudonymous:
        name = str(post.get_pseudonym_region_display())
    elif post.author is not None:
        name = post.author.profile.display_name
    else:
        name = ""
    return avatar(name)


@register.simple_tag(takes_context=True)
def post_list(context, posts):
    """The posts of a topic page (``<li>`` items). For anonymous visitors who may do nothing
    on the page, the rendered items are kept under a key of everything they show
    (home.fragments); anyone else's are rendered every time (forms, own reactions, links)."""
    template = context.template.engine.get_template(POST)

    def render():
        out = []
        for post in posts:
            with context.push(post=post):
                out.append(template.render(context))
        return "".join(out)

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated or any(context.get(f) for f in VIEWER_FLAGS):
        return mark_safe(render())  # noqa: S308 - template output, escaped when rendered
    topic = context.get("topic")
    parts = (topic.pk, topic.solved_post_id, [_post_parts(post) for post in posts])
    return fragments.kept("forum-posts", (POST, BYLINE), parts, render)
