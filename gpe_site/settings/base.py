"""Settings safe for production by themselves; dev.py and test.py relax them.

Everything that differs between machines comes from the environment (django-environ, cast).
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "gpe_site"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
# No fallback: Django refuses to start with an empty key, production.py refuses a weak one.
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "home",
    "partners",
    "practices",
    "forum",
    "events",
    "dialogue",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",  # for its country names in every language
    "django_tasks",
    "django_tasks_db",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

# What one worker keeps between requests must be dropped when another worker changes it: only
# safe with a cache shared by every worker (Redis), or in one process (dev.py, test.py). The
# view restriction tables (home.chrome), whole public pages (home.pagecache) and search hit
# lists (search.hitcache) need it.
GPE_SHARED_CACHE = bool(env.str("REDIS_URL", default=""))
GPE_PUBLIC_PAGE_CACHE = env.bool("GPE_PUBLIC_PAGE_CACHE", default=GPE_SHARED_CACHE)
# Each search source's hit list, kept per access query and data generation (search.hitcache).
GPE_SEARCH_CACHE = env.bool("GPE_SEARCH_CACHE", default=GPE_SHARED_CACHE)

MIDDLEWARE = [
    "home.security_log.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Compresses HTML (and JSON, feeds) for clients that accept gzip; Django's has BREACH
    # mitigation (random-length padding, "Heal The Breach"). WhiteNoise serves static files
    # precompressed, which this leaves alone. Before every middleware that reads the body.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Whole public pages for cookieless visitors, answered before sessions, CSRF and the view
    # (home/pagecache.py says what may be kept; nothing of a signed-in person ever is).
    "home.pagecache.PublicPageCacheMiddleware",
    "home.middleware.PrivateCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "home.middleware.IdRangeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "home.middleware.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "home.middleware.SlidingSessionMiddleware",
    "partners.middleware.StaffMFARequiredMiddleware",
    # Wagtail's RedirectMiddleware, following a redirect only to a page the visitor may see.
    "home.middleware.AccessCheckedRedirectMiddleware",
]

ROOT_URLCONF = "gpe_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.gpe",
            ],
        },
    },
]

WSGI_APPLICATION = "gpe_site.wsgi.application"

# --- Database, cache, email: from the environment, embedded defaults ---------------------

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits (allauth, forum) count in the cache, so production needs one shared by workers.
if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
            # Rate-limit keys (they name client addresses) stored as keyed hashes.
            "KEY_FUNCTION": "home.ratelimit.cache_key",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_FUNCTION": "home.ratelimit.cache_key",
        }
    }

# EMAIL_URL (smtp+tls://user:password@host:587) sets EMAIL_BACKEND, EMAIL_HOST and the rest.
globals().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="GPE <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 20

# --- Passwords and accounts ----------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "partners.backends.AuthenticationBackend",
]

# Sessions are read from the cache (Redis in production) and written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# A session ends after 12 hours without use (a seized or shared device), not Django's two
# weeks; each use moves the end on (home.middleware.SlidingSessionMiddleware).
SESSION_COOKIE_AGE = 12 * 60 * 60
# allauth.usersessions lists a person's sessions ("sign out everywhere else"); partners.sessions
# ends the others when the password, an email address or a second factor changes.
USERSESSIONS_TRACK_ACTIVITY = False

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "partners.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[GPE] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# allauth's defaults, written out so nobody turns them off by accident.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
}
MFA_ADAPTER = "partners.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "GPE"
MFA_PASSKEY_LOGIN_ENABLED = False

# --- Internationalisation ------------------------------------------------------------------

LANGUAGE_CODE = "en"
# Dates: one format per language (gpe_site/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["gpe_site.formats"]
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# --- Static and media ----------------------------------------------------------------------

STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
# Private files (documents, images in restricted collections: home/storage.py) live outside
# MEDIA_ROOT and are sent only after the access check. GPE_PRIVATE_MEDIA_ACCEL: the proxy's
# internal location for this folder (e.g. "/_private/media/"): the worker then answers with
# X-Accel-Redirect and the proxy sends the file; empty, the worker streams it.
GPE_PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private" / "media")
GPE_PRIVATE_MEDIA_ACCEL = env.str("PRIVATE_MEDIA_ACCEL", default="")
STORAGES = {
    "default": {"BACKEND": "home.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Wagtail -------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Global Partnership Exchange"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
# Nothing leaves the site: no update check, no gravatar.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Password changes and resets go through allauth (rate limits, one door).
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILEMBEDS_FINDERS = []
# Documents are never files at a public URL: Wagtail's view serves them after the check.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
SENDFILE_BACKEND = "home.storage"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.forms.DocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "txt"]

# --- Search: database backend by default, Elasticsearch/OpenSearch when configured ---------

ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
OPENSEARCH_URL = env.str("OPENSEARCH_URL", default="")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            # search.backends wraps INNER: retries, removal of what no one may find.
            "BACKEND": "search.backends",
            "INNER": "search.elasticsearch.Elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": env.str("SEARCH_INDEX_PREFIX", default="gpe_"),
            "TIMEOUT": 5,
        }
    }
elif OPENSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends",
            "INNER": "search.elasticsearch.OpenSearch2",
            "URLS": [OPENSEARCH_URL],
            "INDEX_PREFIX": env.str("SEARCH_INDEX_PREFIX", default="gpe_"),
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends", "INNER": "search.database"}}

# --- Background work -----------------------------------------------------------------------

# TASKS_BACKEND=database: django-tasks-db, worker `manage.py db_worker` (one machine).
# TASKS_BACKEND=rq: Redis through django-tasks-rq (TASKS_REDIS_URL, else REDIS_URL), worker
# `manage.py rqworker default --job-class django_tasks_rq.Job`; docs/deploy.md.
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {
        "default": {
            "URL": env.str("TASKS_REDIS_URL", default="")
            or env.str("REDIS_URL", default="redis://127.0.0.1:6379/0"),
            "DEFAULT_TIMEOUT": 600,
        }
    }
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    raise ImproperlyConfigured("TASKS_BACKEND is 'database' or 'rq'.")

# --- Security ------------------------------------------------------------------------------

SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Behind reverse proxies (production: a TLS proxy), the client's address is the one they
# report. GPE_TRUSTED_PROXY_COUNT: how many proxies append to X-Forwarded-For (0: clients
# connect directly and forwarded headers are ignored). GPE_TRUSTED_CLIENT_IP_HEADER: a header
# the proxy sets to the client's address (X-Real-IP), used instead. home.ratelimit.client_ip
# reads them for every rate limit, allauth's included; `check --deploy` warns of a forwarded
# header trusted without a proxy.
GPE_TRUSTED_PROXY_COUNT = env.int("GPE_TRUSTED_PROXY_COUNT", default=0)
GPE_TRUSTED_CLIENT_IP_HEADER = env.str("GPE_TRUSTED_CLIENT_IP_HEADER", default="")
ALLAUTH_TRUSTED_PROXY_COUNT = GPE_TRUSTED_PROXY_COUNT
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = GPE_TRUSTED_CLIENT_IP_HEADER or None
# Only a proxy may say the request came over HTTPS.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if GPE_TRUSTED_PROXY_COUNT > 0 else None
)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4). Front end: our own files only, scripts by nonce
# (templates put request.csp_nonce on every <script>), no inline style, nothing remote.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "img-src": [SELF],
        "form-action": [SELF],
    }
}
# Wagtail's admin (home.middleware), as loose as its editor needs and no more (measured in
# Chromium by tests/home/test_csp_browser.py): its templates and scripts carry inline scripts
# and styles without nonces, and the image uploader draws its previews from blob: URLs. Its
# live preview is the page itself, under the front-end policy, framed by the admin.
GPE_ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "blob:"],
    "object-src": [NONE],
    "base-uri": [NONE],
    "frame-ancestors": [NONE],
    "form-action": [SELF],
}
# Single pages that need more, by URL name: allauth draws the TOTP QR code as a data: image.
GPE_CSP_ADDITIONS = {"mfa_activate_totp": {"img-src": ["data:"]}}
# Browser features the site never uses, off for every page and every frame.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), "
    "usb=(), xr-spatial-tracking=(), browsing-topics=()"
)

# GPE's own knobs.
GPE_QUICK_EXIT_URL = env.str("GPE_QUICK_EXIT_URL", default="https://www.wikipedia.org/")
GPE_STAFF_GROUPS = ("Moderators", "Editors", "Event organisers")
# The project's own apps: the visibility check and the demo look at these.
GPE_APPS = ("home", "partners", "practices", "forum", "events", "dialogue", "search")
# Editors are reminded (once) this many days before the Partnership Policy's review is due.
GPE_POLICY_REVIEW_REMINDER_DAYS = env.int("GPE_POLICY_REVIEW_REMINDER_DAYS", default=60)

# Every record carries the request's id and the user's id (home.security_log); the security
# log (sign-ins, failures, refusals) is kept at INFO. No IP address, path or content in either.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_context": {"()": "home.security_log.RequestContextFilter"},
        "route_instead_of_path": {"()": "home.security_log.RouteInsteadOfPathFilter"},
    },
    "formatters": {
        "standard": {
            "format": "%(asctime)s %(levelname)s %(name)s request=%(request_id)s "
            "user=%(user_id)s %(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "standard",
            "filters": ["request_context"],
        }
    },
    "loggers": {
        "gpe.security": {"level": "INFO", "filters": ["request_context"]},
        "django.request": {"filters": ["route_instead_of_path"]},
        "django.security": {"filters": ["route_instead_of_path"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
