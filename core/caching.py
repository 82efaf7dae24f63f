"""Calls to a shared cache (Redis) that may be down, without failing the request.

Counters, throttles and cached pages are worth less than answering: when
the cache does not answer, the caller gets its stated fallback and a warning
is logged, never an error page. Limits that must hold through an outage
(sign-in failures, comments per minute) count in this process's own memory
instead (`counted_in`): each worker then counts on its own until the shared
cache is back.

A Redis that cannot be reached (refused, or silent past its timeout) is left
alone by this process for `REST_SECONDS`: requests go straight to their
fallbacks instead of waiting on every call, and the log gets one warning per
rest, not one per call. `cache_status()` (for /healthz) always asks.
"""

import logging
import time

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

REST_SECONDS = 5.0
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)

# This process's counters while the shared cache is down.
local_cache = LocMemCache("folio-cache-down", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
_resting_until = 0.0


def cache_or(fallback, operation):
    """`operation()`, or `fallback` if the cache it talks to fails."""
    if _resting():
        return fallback
    try:
        return operation()
    except Exception as error:
        _failed(error, "going on without it")
        return fallback


def counted_in(operation, alias: str = "default"):
    """`operation(cache)` on the shared cache, or on this process's memory if
    the shared cache fails: a limit that keeps counting through an outage."""
    if not _resting():
        try:
            return operation(caches[alias])
        except Exception as error:
            _failed(error, "counting in this process")
    return operation(local_cache)


def cache_status(alias: str = "default") -> str:
    """Whether the cache answers a read now: "ok" or "unavailable"."""
    try:
        caches[alias].get("healthz")
    except Exception as error:
        _failed(error, "the health check says so")
        return "unavailable"
    forget_failures()
    return "ok"


def forget_failures() -> None:
    """Ask the cache again from the next call on."""
    global _resting_until
    _resting_until = 0.0


def _resting() -> bool:
    return time.monotonic() < _resting_until


def _failed(error: Exception, consequence: str) -> None:
    global _resting_until
    logger.warning("The cache did not answer; %s", consequence, exc_info=error)
    if isinstance(error, UNREACHABLE):
        _resting_until = time.monotonic() + REST_SECONDS


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
