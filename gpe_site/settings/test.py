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
# The database backend, unless a real search server is named: then the search contract runs
# against it (tests/search_servers.py; the README of search/ says how).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends", "INNER": "search.database"}}
_search_server = [
    (inner, url)
    for inner, url in (
        ("Elasticsearch8", env.str("ELASTICSEARCH_URL", default="")),
        ("OpenSearch2", env.str("OPENSEARCH_URL", default="")),
    )
    if url
]
if _search_server:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "tests.search_servers",
            "INNER": f"search.elasticsearch.{_search_server[0][0]}",
            "URLS": [_search_server[0][1]],
            # Each test process its own indexes (pytest-xdist runs two).
            "INDEX_PREFIX": f"gpe_test_{env.str('PYTEST_XDIST_WORKER', default='main')}_",
            "TIMEOUT": 10,
        }
    }
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Page tests count the queries of rendering: whole-page keeping is tested on its own
# (tests/home/test_pagecache.py) and under the canary.
GPE_PUBLIC_PAGE_CACHE = False
# Search tests count the queries of searching: hit lists kept are tested on their own
# (tests/search/test_hitcache.py) and under the canary.
GPE_SEARCH_CACHE = False
GPE_SHARED_CACHE = True  # one process
DATABASES = {"default": env.db("DATABASE_URL", default="sqlite:///:memory:")}

# Tests post in quick succession; the posting intervals' own tests set them back
# (tests/forum/test_moderation.py). The daily cap stays as in production.
FORUM_SECONDS_BETWEEN_POSTS = 0
FORUM_NEW_MEMBER_SECONDS_BETWEEN_POSTS = 0
