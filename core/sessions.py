"""Sessions read from the cache and kept in the database.

A signed-in page then needs no query for its session; a cache that is down
only costs that query again (Django's own cached_db backend would fail).
"""

from django.contrib.sessions.backends import cached_db

from .caching import ForgivingCache


class SessionStore(cached_db.SessionStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._cache = ForgivingCache(self._cache)
