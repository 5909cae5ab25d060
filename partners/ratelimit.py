"""Simple fixed-window rate limits counted in Django's cache.

Production sets ``REDIS_URL`` so that every worker counts in the same place; the local-memory
cache of development and tests counts per process.
"""

from allauth.account.adapter import get_adapter
from django.core.cache import cache


def hit(key: str, *, limit: int, period: int) -> bool:
    """Count one attempt under ``key``. True while at most ``limit`` attempts were made in the
    current window of ``period`` seconds, False once the limit is exceeded."""
    cache_key = f"gpe-ratelimit:{key}"
    if cache.add(cache_key, 1, timeout=period):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window expired between add() and incr()
        cache.add(cache_key, 1, timeout=period)
        return True
    return count <= limit


def client_ip(request) -> str:
    """The client's address as allauth sees it (honours ALLAUTH_TRUSTED_PROXY_COUNT)."""
    return get_adapter(request).get_client_ip(request)
