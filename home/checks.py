from django.conf import settings
from django.core.checks import Warning, register


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
