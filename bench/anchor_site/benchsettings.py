"""GPE forum benchmark settings: production settings, plus only what a loopback benchmark
needs (DB from the harness's env vars, plain HTTP, no collectstatic, a fixed bench-only key).

Production-like pieces kept: DEBUG=False, production.py's checks, the whole middleware stack,
cached_db sessions, CONN_HEALTH_CHECKS, WhiteNoise, production's search backend (PostgreSQL
full-text search per language, ``search.database``), and a Redis cache (Django's RedisCache
on 127.0.0.1:6379, database 9, so that clearing it touches nothing else).
"""

import os

import paths  # noqa: F401  (sys.path: project root + harness common dir)

# production.py reads these from the environment and refuses weak values; set them first.
os.environ["SECRET_KEY"] = "bench-only-not-secret-gpe-forum-0123456789-abcdefghijklmnopqrstuv"  # noqa: S105
os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
os.environ["SECURE_SSL_REDIRECT"] = "False"  # plain HTTP on loopback
os.environ["SECURE_COOKIES"] = "False"
os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
for name in ("DATABASE_URL", "ELASTICSEARCH_URL", "OPENSEARCH_URL", "EMAIL_URL"):
    os.environ.pop(name, None)

import dbsettings  # noqa: E402

from gpe_site.settings.production import *  # noqa: E402, F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

DATABASES = dbsettings.databases()  # CONN_MAX_AGE=60 from the harness
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # as in production (base.py)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        # One prefix per database: the growth runs' sites never read the main site's entries.
        "KEY_PREFIX": f"gpebench-{os.path.basename(os.environ.get('BENCH_DB_NAME', 'default'))}",
    }
}

# Production's search backend (base.py without ELASTICSEARCH_URL): the site's wrapper (retries,
# removal of what no one may find) around the per-language database backend.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends", "INNER": "search.database"}}

DATA_DIR = os.path.join(dbsettings.data_dir(), "gpe-forum")
os.makedirs(DATA_DIR, exist_ok=True)
MEDIA_ROOT = os.path.join(DATA_DIR, "media")
STATIC_ROOT = os.path.join(DATA_DIR, "static")
os.makedirs(STATIC_ROOT, exist_ok=True)  # WhiteNoise warns about a missing directory
FORUM_PRIVATE_ROOT = os.path.join(DATA_DIR, "private")
STORAGES = {
    "default": {"BACKEND": "home.storage.MediaStorage"},  # production's (check gpe.E020)
    # Plain storage: no collectstatic step (production uses CompressedManifest...).
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The harness's shape has 20 topics per category page (our default is 30), like machina's
# MACHINA_TOPIC_POSTS_NUMBER_PER_PAGE change. Posts per page are already 20.
FORUM_TOPICS_PER_PAGE = 20

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
