"""A fixed-window rate limit counted in the cache (production shares one cache: REDIS_URL),
and the client's address that limits are counted under.

Rate-limit keys name a client's address (ours and allauth's). The cache's key function
(``CACHES["default"]["KEY_FUNCTION"]``) stores them as a keyed hash, and each entry expires
with its window: no address is kept, in the cache or a dump of it, and none for longer."""

import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

# Our limits (``allow``) and allauth's ("allauth:rl:<action>:<rate>:ip:<address>").
RATE_LIMIT_PREFIXES = ("gpe-ratelimit:", "allauth:rl:")


def cache_key(key: str, key_prefix: str, version) -> str:
    """Django's default cache key, but a rate-limit key becomes an HMAC (SECRET_KEY) of
    itself: the same client still finds its counter, nobody reading the cache finds the
    client."""
    if key.startswith(RATE_LIMIT_PREFIXES):
        key = "rl:" + salted_hmac("gpe.ratelimit", key, algorithm="sha256").hexdigest()
    return f"{key_prefix}:{version}:{key}"


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
