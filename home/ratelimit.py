"""A fixed-window rate limit counted in the cache (production shares one cache: REDIS_URL),
and the client's address that limits are counted under."""

import ipaddress

from django.conf import settings
from django.core.cache import cache


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The client's address, as the trusted proxies in front of the site report it.

    ``GPE_TRUSTED_PROXY_COUNT`` proxies each append the address they saw to X-Forwarded-For,
    so the client is the entry that many places from the end; anything before it is whatever
    the client sent. With a count of 0 (clients connect directly) forwarded headers are
    ignored: a client cannot choose its own address. ``GPE_TRUSTED_CLIENT_IP_HEADER`` names a
    header the proxy sets to the client's address instead (X-Real-IP), trusted only with a
    proxy in front. allauth asks here too (``partners.adapters.AccountAdapter``)."""
    remote = _address(request.META.get("REMOTE_ADDR", "")) or "unknown"
    count = settings.GPE_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    header = settings.GPE_TRUSTED_CLIENT_IP_HEADER
    if header:
        return _address(request.headers.get(header, "")) or remote
    forwarded = request.headers.get("X-Forwarded-For", "").split(",")
    if len(forwarded) < count:  # not through every proxy: the connection is the client
        return remote
    return _address(forwarded[-count]) or remote


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
