"""Settings come from the environment; production refuses to start half-configured."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = secrets.token_urlsafe(60)

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "db": settings.DATABASES["default"]["ENGINE"],
    "db_name": settings.DATABASES["default"]["NAME"],
    "db_host": settings.DATABASES["default"].get("HOST"),
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "email": settings.EMAIL_BACKEND,
    "email_host": getattr(settings, "EMAIL_HOST", None),
    "email_port": getattr(settings, "EMAIL_PORT", None),
    "email_tls": getattr(settings, "EMAIL_USE_TLS", None),
    "search_wrapper": settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
    "search": settings.WAGTAILSEARCH_BACKENDS["default"]["INNER"],
    "search_urls": settings.WAGTAILSEARCH_BACKENDS["default"].get("URLS"),
    "hosts": settings.ALLOWED_HOSTS,
    "debug": settings.DEBUG,
}))
"""


# Variables of this test run that must not reach the settings under test.
NOT_INHERITED = {
    "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "ELASTICSEARCH_URL", "OPENSEARCH_URL",
    "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE",
}  # fmt: skip


def clean_environment(**env):
    clean = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    clean.update(env)
    return clean


def run_python(code, module, **env):
    clean = clean_environment(**env)
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_for(module, **env):
    result = run_python(PRINT_SETTINGS, module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_settings_embedded_defaults_without_environment():
    values = settings_for("gpe_site.settings.dev")
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["db_name"].endswith("db.sqlite3")
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"
    assert values["search"] == "search.database"
    assert values["search_wrapper"] == "search.backends"  # retries, removals (search.indexing)


def test_settings_read_services_from_environment():
    values = settings_for(
        "gpe_site.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="gpe.example.org,www.gpe.example.org",
        DATABASE_URL="postgres://gpe:pw@db.internal:5432/gpe",
        REDIS_URL="redis://cache.internal:6379/1",
        EMAIL_URL="smtp+tls://mailer:pw@smtp.example.org:587",
        ELASTICSEARCH_URL="http://search.internal:9200",
    )
    assert values["db"] == "django.db.backends.postgresql"
    assert (values["db_name"], values["db_host"]) == ("gpe", "db.internal")
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["cache_location"] == "redis://cache.internal:6379/1"
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["email_host"], values["email_port"], values["email_tls"]) == (
        "smtp.example.org",
        587,
        True,
    )
    assert values["search"] == "search.elasticsearch.Elasticsearch8"
    assert values["search_urls"] == ["http://search.internal:9200"]
    assert values["hosts"] == ["gpe.example.org", "www.gpe.example.org"]
    assert values["debug"] is False


def test_settings_opensearch_url_selects_opensearch():
    values = settings_for(
        "gpe_site.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="gpe.example.org",
        OPENSEARCH_URL="https://search.internal:9200",
    )
    assert values["search"] == "search.elasticsearch.OpenSearch2"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "gpe.example.org"}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": "gpe.example.org", "SECRET_KEY": "short"}, "SECRET_KEY"),
        (
            {"ALLOWED_HOSTS": "gpe.example.org", "SECRET_KEY": "django-insecure-" + "x" * 60},
            "SECRET_KEY",
        ),
        ({"SECRET_KEY": STRONG_KEY}, "ALLOWED_HOSTS"),
    ],
)
def test_settings_production_refuses_weak_configuration(env, message):
    result = run_python(PRINT_SETTINGS, "gpe_site.settings.production", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def check_deploy(tmp_path, **env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean_environment(
            DJANGO_SETTINGS_MODULE="gpe_site.settings.production",
            SECRET_KEY=STRONG_KEY,
            ALLOWED_HOSTS="gpe.example.org",
            DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
            **env,
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_settings_production_check_deploy_is_clean(tmp_path):
    result = check_deploy(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_settings_check_deploy_warns_without_a_shared_cache(tmp_path):
    result = check_deploy(tmp_path)
    assert result.returncode != 0
    assert "gpe.W001" in result.stdout + result.stderr
