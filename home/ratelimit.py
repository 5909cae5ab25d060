"""A fixed-window rate limit counted in the cache (production shares one cache: REDIS_URL)."""

from allauth.account.adapter import get_adapter
from django.core.cache import cache


def client_ip(request) -> str:
    """The client's address as allauth sees it (it honours the configured trusted proxies)."""
    return get_adapter(request).get_client_ip(request) or "unknown"


def allow(key: str, *, limit: int, period: int) -> bool:
    """Count one attempt for ``key``; False once more than ``limit`` fall in ``period`` seconds."""
    cache_key = f"gpe-ratelimit:{key}"
    if cache.add(cache_key, 1, timeout=period):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=period)
        return True
    return count <= limit
