"""Local development: the embedded defaults (SQLite, console email, database search)."""

from .base import *  # noqa: F403
from .base import MIDDLEWARE, SECRET_KEY, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "django-insecure-dev-only-never-in-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
# Links in mails and the demo's output: `make run HOST=…` sets it to the address it serves.
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
STORAGES = {
    "default": {"BACKEND": "home.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# runserver is one process: what it keeps between requests is dropped where it changes.
GPE_SHARED_CACHE = True
# The demo site runs tasks in the web process so that nobody needs a second terminal.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A mistyped address shows the site's 404 page, not Django's debug page (?debug-404 for that).
MIDDLEWARE = [*MIDDLEWARE, "gpe_site.middleware.SiteNotFoundMiddleware"]
