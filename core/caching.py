"""Calls to a shared cache (Redis) that may be down, without failing the request.

Counters, throttles and cached pages are worth less than answering: when
the cache does not answer, the caller gets its stated fallback and a warning
is logged, never an error page.
"""

import logging

logger = logging.getLogger(__name__)


def cache_or(fallback, operation):
    """`operation()`, or `fallback` if the cache it talks to fails."""
    try:
        return operation()
    except Exception:
        logger.warning("The cache did not answer; going on without it", exc_info=True)
        return fallback


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
