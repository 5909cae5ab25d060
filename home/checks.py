import os

from django.conf import settings
from django.core.checks import Error, Warning, register


@register(deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """Rate limits count in the cache; a per-process cache lets each worker count alone."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            Warning(
                "The cache is local to each process, so rate limits are not shared by workers.",
                hint="Set REDIS_URL.",
                id="gpe.W001",
            )
        ]
    return []


@register(deploy=True)
def forwarded_headers_check(app_configs, **kwargs):
    """A forwarded header is the client's word unless a proxy in front overwrites it."""
    if settings.GPE_TRUSTED_PROXY_COUNT > 0:
        return []
    warnings = []
    if settings.GPE_TRUSTED_CLIENT_IP_HEADER:
        warnings.append(
            Warning(
                "GPE_TRUSTED_CLIENT_IP_HEADER is set but GPE_TRUSTED_PROXY_COUNT is 0: the "
                "header is ignored, and every visitor behind a proxy shares its address.",
                hint="Set GPE_TRUSTED_PROXY_COUNT to the number of proxies in front of the site.",
                id="gpe.W002",
            )
        )
    if settings.SECURE_PROXY_SSL_HEADER:
        warnings.append(
            Warning(
                "SECURE_PROXY_SSL_HEADER is trusted without a proxy count: a client that "
                "connects directly can claim HTTPS.",
                hint="Set GPE_TRUSTED_PROXY_COUNT, or unset SECURE_PROXY_SSL_HEADER.",
                id="gpe.W003",
            )
        )
    return warnings


@register()
def private_media_check(app_configs, **kwargs):
    """Documents and restricted images are private only through home.storage.MediaStorage:
    another default storage would put them at public URLs."""
    from django.utils.module_loading import import_string

    from .storage import MediaStorage, private_root

    errors = []
    if not issubclass(import_string(settings.STORAGES["default"]["BACKEND"]), MediaStorage):
        errors.append(
            Error(
                "The default storage is not home.storage.MediaStorage: CMS documents and "
                "images of restricted collections would be stored at public URLs.",
                hint="Keep STORAGES['default'] as home.storage.MediaStorage; put public media "
                "elsewhere with STORAGES['public_media'] (docs/deploy.md).",
                id="gpe.E020",
            )
        )
    media_root = os.path.abspath(str(settings.MEDIA_ROOT))
    if os.path.commonpath([media_root, private_root()]) == media_root:
        errors.append(
            Error(
                "GPE_PRIVATE_MEDIA_ROOT lies inside MEDIA_ROOT: private files would be served "
                "at MEDIA_URL.",
                hint="Set PRIVATE_MEDIA_ROOT to a folder outside MEDIA_ROOT.",
                id="gpe.E021",
            )
        )
    return errors
