"""Calls to a shared cache (Redis) that may be down, without failing the request.

Counters, throttles and cached pages are worth less than answering: when
the cache does not answer, the caller gets its stated fallback and a warning
is logged, never an error page. Limits that must hold through an outage
(sign-in failures, comments per minute) count in this process's own memory
instead (`counted_in`): each worker then counts on its own until the shared
cache is back.
"""

import logging

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)

# This process's counters while the shared cache is down.
local_cache = LocMemCache("folio-cache-down", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def cache_or(fallback, operation):
    """`operation()`, or `fallback` if the cache it talks to fails."""
    try:
        return operation()
    except Exception:
        logger.warning("The cache did not answer; going on without it", exc_info=True)
        return fallback


def counted_in(operation, alias: str = "default"):
    """`operation(cache)` on the shared cache, or on this process's memory if
    the shared cache fails: a limit that keeps counting through an outage."""
    try:
        return operation(caches[alias])
    except Exception:
        logger.warning(
            "The cache did not answer; counting in this process", exc_info=True
        )
        return operation(local_cache)


def cache_status(alias: str = "default") -> str:
    """ "ok" when the cache answers a read, "unavailable" when it does not."""
    try:
        caches[alias].get("healthz")
    except Exception:
        logger.warning("The cache did not answer the health check", exc_info=True)
        return "unavailable"
    return "ok"


class ForgivingCache:
    """A cache whose failures read as misses and whose writes may be lost."""

    def __init__(self, cache):
        self._cache = cache

    def __contains__(self, key):
        return cache_or(False, lambda: key in self._cache)

    def __getattr__(self, name):
        operation = getattr(self._cache, name)
        if not callable(operation):
            return operation
        fallback = {} if name in ("get_many", "aget_many") else None

        def forgiving(*args, **kwargs):
            return cache_or(fallback, lambda: operation(*args, **kwargs))

        return forgiving
