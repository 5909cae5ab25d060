"""The forum's settings, each with a default, read when used (so tests can override them).

Set ``FORUM_<NAME>`` in the Django settings to change one.
"""

from django.conf import settings

DEFAULTS = {
    # Reading
    "POSTS_PER_PAGE": 20,
    "TOPICS_PER_PAGE": 30,
    # Attachments
    "ATTACHMENT_MAX_BYTES": 5 * 1024 * 1024,
    "ATTACHMENTS_PER_POST": 5,
    "IMAGE_MAX_PIXELS": 40_000_000,
    # All images of one post together (five phone photos fit).
    "IMAGE_MAX_PIXELS_PER_POST": 64_000_000,
    # Requests carrying files, per member and hour, refused ones included.
    "UPLOAD_REQUESTS_PER_HOUR": 20,
    # Posting limits that stop floods, not people (as Discourse's): a short wait between two
    # posts for every member, a longer one and a daily cap for new members (fewer than
    # NEW_MEMBER_APPROVED_POSTS posts that stood a day unreported). Staff are not limited.
    "SECONDS_BETWEEN_POSTS": 10,
    "NEW_MEMBER_SECONDS_BETWEEN_POSTS": 30,
    "NEW_MEMBER_POSTS_PER_DAY": 20,
    "NEW_MEMBER_APPROVED_POSTS": 3,
    # A visit ends after this many minutes without a forum page view ("new since last visit").
    "VISIT_GAP_MINUTES": 30,
    # Unposted replies are kept this long on the server, then deleted.
    "DRAFT_DAYS": 7,
}


def forum_setting(name: str):
    return getattr(settings, f"FORUM_{name}", DEFAULTS[name])


def private_root() -> str:
    """Where attachments are stored: outside MEDIA_ROOT, never served by the web server."""
    return str(getattr(settings, "FORUM_PRIVATE_ROOT", settings.BASE_DIR / "private" / "forum"))


def base_url() -> str:
    """The site's address for links in emails and feeds, without a trailing slash."""
    return getattr(settings, "FORUM_BASE_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")
