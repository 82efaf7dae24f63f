"""Sessions read from the cache and kept in the database.

A signed-in page then needs no query for its session; a cache that is down
only costs that query again (Django's own cached_db backend would fail).
A copy in the cache lives five minutes, not the session's weeks: a sign-out
made while the cache was down (its copy left in the cache) holds again at
most five minutes after the cache comes back.
"""

from django.contrib.sessions.backends import cached_db

from .caching import ForgivingCache, cache_or

CACHED_SECONDS = 5 * 60


def _brief(timeout) -> int:
    return CACHED_SECONDS if timeout is None else min(timeout, CACHED_SECONDS)


class BriefForgivingCache(ForgivingCache):
    """Copies kept `CACHED_SECONDS` at most; failures forgiven."""

    def set(self, key, value, timeout=None, **kwargs):
        set_ = self._cache.set
        return cache_or(None, lambda: set_(key, value, _brief(timeout), **kwargs))


class SessionStore(cached_db.SessionStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._cache = BriefForgivingCache(self._cache)
