"""Tests: fast hasher, local-memory cache, plain static storage, immediate tasks."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_FUNCTION": "home.ratelimit.cache_key",
    }
}
STORAGES = {
    "default": {"BACKEND": "home.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once. GPE_TEST_TASKS=rq (make test-redis-tasks) runs them through Redis with
# the RQ backend instead: each job is stored in Redis and performed by RQ on enqueue
# (a synchronous queue), its result read back from Redis.
if env.str("GPE_TEST_TASKS", default="") == "rq":
    INSTALLED_APPS = [*INSTALLED_APPS, "django_rq", "django_tasks_rq"]
    RQ_QUEUES = {
        "default": {
            "URL": env.str("GPE_TEST_REDIS_URL", default="redis://127.0.0.1:6379/15"),
            "ASYNC": False,
        }
    }
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends", "INNER": "search.database"}}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
WAGTAILADMIN_BASE_URL = "http://testserver"
DATABASES = {"default": env.db("DATABASE_URL", default="sqlite:///:memory:")}

# Tests post in quick succession; the posting intervals' own tests set them back
# (tests/forum/test_moderation.py). The daily cap stays as in production.
FORUM_SECONDS_BETWEEN_POSTS = 0
FORUM_NEW_MEMBER_SECONDS_BETWEEN_POSTS = 0
