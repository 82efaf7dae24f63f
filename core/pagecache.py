"""The page cache: whole public pages served without rendering, exact on every change.

Cached: GET and HEAD of a public page answered 200 to a visitor who carries
no personal cookie (a session, messages, a remembered commenter: apps
register theirs), rendered without a CSRF token and setting no cookie
(core/cacheable.py has the rules). The key is the scheme, host, path and
the few query parameters pages read (`page`, `cpage`); any other parameter
(`utm_source`, a random cache buster) is left out of the key, so it cannot
multiply entries, and a parameter that makes the page one visitor's
(`replyto`, `q`) is never served from here.

Releases: entries are kept under the release that rendered them
(core/release.py), so a deploy renders every page anew at once.

Exactness: every entry belongs to a generation. `pages_changed()` starts a
new one (at once, and again when the transaction commits), so every page
that may show a change is rendered anew on its next request; a page renders
under the generation current when its request began, so a page rendered
from data older than a change can never be served after it. Registered
clocks (the next scheduled publication, say) end a generation by themselves
at the moment a page changes without any write. Entries also expire after
`FOLIO_PAGE_CACHE_SECONDS`.

Storage is the "pages" cache: Redis when `REDIS_URL` is set (shared by all
app servers), files otherwise (shared by one machine's workers). A cache
that is down means uncached pages, never an error; a process that saw it
fail starts a new generation once it answers again, since a change made
meanwhile could not end the old one.

`PageCacheMiddleware` (core/middleware.py) stores pages and serves hits
inside Django; `PageCacheApp` serves hits before Django is entered at all.
"""

import hashlib
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.db import transaction

from . import frontcache
from .cacheable import (
    Entry,
    PageRequest,
    is_storable,
    register_personal_cookie,
    register_uncached_param,
)
from .caching import cache_or
from .release import release

__all__ = [
    "Entry",
    "PageCacheApp",
    "PageRequest",
    "cached_fragment",
    "cached_value",
    "is_storable",
    "lookup",
    "pages_changed",
    "register_clock",
    "register_personal_cookie",
    "register_uncached_param",
    "start_generation",
    "store",
]

GENERATION_KEY = "generation"
LOOKUP_ENVIRON_KEY = "folio.page_cache_lookup"

_clocks = []
_FAILED = object()
# The store failed since this process last started a generation: a change
# may have been made that the stored generation does not know of.
_generation_in_doubt = False


class RecentEntries:
    """What this process read or stored last, by storage key, until it expires.

    A key names content of one generation, which never changes: a second
    request for it needs no trip to the store (a file, or Redis).
    """

    def __init__(self, size: int):
        self._size = size
        self._items = {}
        self._lock = threading.Lock()  # threaded workers share the process's

    def get(self, key: str):
        value, expires = self._items.get(key, (None, 0.0))
        if value is not None and time.time() >= expires:
            self._items.pop(key, None)
            return None
        return value

    def __len__(self):
        return len(self._items)

    def keys(self):
        return list(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def put(self, key: str, value, seconds: float) -> None:
        with self._lock:
            self._items[key] = (value, time.time() + seconds)
            while len(self._items) > self._size:
                del self._items[next(iter(self._items))]


_recent_pages = RecentEntries(64)
_recent_values = RecentEntries(256)  # fragments: a few per page


def forget_recent() -> None:
    """Empty this process's memory of pages and fragments (tests share a process)."""
    _recent_pages.clear()
    _recent_values.clear()


def register_clock(clock) -> None:
    """`clock()` returns the next moment a page changes by itself, or None."""
    _clocks.append(clock)


def pages_changed() -> None:
    """Something readers see changed: no page rendered before may be served.

    A new generation starts at once and again when the change commits; front
    caches are told once it is committed (core/frontcache.py).
    """
    start_generation()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(start_generation, robust=True)
        transaction.on_commit(frontcache.purge_everything, robust=True)
    else:
        frontcache.purge_everything()


def start_generation() -> None:
    global _generation_in_doubt
    due = min(filter(None, (clock() for clock in _clocks)), default=None)
    record = (time.time_ns(), due.timestamp() if due else None)
    stored = cache_or(_FAILED, lambda: _store().set(GENERATION_KEY, record, None))
    _generation_in_doubt = stored is _FAILED


def fragment_generation() -> str:
    """The generation for cached fragments of pages rendered one by one.

    Without a generation (the cache is down) a fragment is keyed uniquely:
    rendered every time, never served stale.
    """
    generation = current_generation()
    if generation is None:
        start_generation()
        generation = current_generation()
    return str(generation) if generation is not None else f"none-{time.time_ns()}"


def fragment_seconds() -> int:
    """How long a cached fragment lives; 0 (not at all) with the cache off."""
    return settings.FOLIO_PAGE_CACHE_SECONDS if settings.FOLIO_PAGE_CACHE else 0


def cached_fragment(request, name: str, vary, render) -> str:
    """HTML `render()` makes, kept for the generation: the same for every reader.

    For parts of pages not cached whole (a signed-in reader's): an article's
    body and byline, a thread of approved comments. A change readers can see
    ends it as it ends whole pages; a cache that is down renders every time.
    """
    return cached_value(request, name, vary, render)


def cached_value(request, name: str, vary, compute):
    """What `compute()` returns (anything picklable), kept for the generation
    like a fragment: for what every reader of a page is shown alike, such as
    a public article looked up by its slug. None is never kept.
    """
    seconds = fragment_seconds()
    if not seconds:
        return compute()
    generation = getattr(request, "_fragment_generation", None)
    if generation is None:
        generation = fragment_generation()
        if request is not None:
            request._fragment_generation = generation
    key = make_template_fragment_key(name, [release(), generation, *vary])
    value = _recent_values.get(key)
    if value is None:
        value = _safely(lambda: _store().get(key))
        if value is None:
            value = compute()
            if value is not None:
                _safely(lambda: _store().set(key, value, seconds))
        if value is not None:
            _recent_values.put(key, value, seconds)
    return value


def current_generation() -> int | None:
    """The generation to read and store pages under; None when one must start."""
    record = _current_record()
    return record[0] if record else None


def _current_record() -> tuple[int, float | None] | None:
    """(generation, when it ends by itself or None), if one is current."""
    record = _safely(lambda: _store().get(GENERATION_KEY))
    if record is None or _generation_in_doubt:
        return None
    generation, due = record
    if due is not None and time.time() >= due:
        return None
    return generation, due


@dataclass(frozen=True)
class Lookup:
    identity: str | None = None  # None: not a request for the cache
    key: str | None = None  # None: no generation yet, one must start
    entry: Entry | None = None
    # How long a front cache may keep the page: what is left of its lifetime,
    # and never past the moment its generation ends by itself.
    front_seconds: int = 0


def lookup(request: PageRequest) -> Lookup:
    """Where this request's page is stored, and the page if it is there."""
    if not settings.FOLIO_PAGE_CACHE:
        return Lookup()
    identity = request.key()
    if identity is None:
        return Lookup()
    record = _current_record()
    if record is None:
        return Lookup(identity)
    generation, due = record
    digest = hashlib.blake2b(identity.encode(), digest_size=16).hexdigest()
    key = f"page:{release()}:{generation}:{digest}"
    entry = _recent_pages.get(key)
    if entry is None:
        entry = _safely(lambda: _store().get(key))
        if entry is not None and entry.age() >= settings.FOLIO_PAGE_CACHE_SECONDS:
            entry = None  # past its lifetime, whatever the store says
        if entry is not None:
            _remember(key, entry)
    return Lookup(identity, key, entry, _front_seconds(entry, due))


def _front_seconds(entry: Entry | None, due: float | None) -> int:
    """Whole seconds left before the page (stored now when `entry` is None)
    expires or its generation ends by itself, whichever comes first."""
    left = settings.FOLIO_PAGE_CACHE_SECONDS - (entry.age() if entry else 0)
    if due is not None:
        left = min(left, due - time.time())
    return max(0, int(left))


def store(key: str, entry: Entry) -> None:
    timeout = settings.FOLIO_PAGE_CACHE_SECONDS
    _safely(lambda: _store().set(key, entry, timeout=timeout))
    _remember(key, entry)


def _remember(key: str, entry: Entry) -> None:
    """Kept in the process for what is left of its lifetime, whatever the store says."""
    left = settings.FOLIO_PAGE_CACHE_SECONDS - entry.age()
    if left > 0:
        _recent_pages.put(key, entry, left)


class PageCacheApp:
    """WSGI: answer cache hits before Django is entered; pass everything else on."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        request = PageRequest.from_environ(environ)
        found = lookup(request)
        if found.entry is None:
            environ[LOOKUP_ENVIRON_KEY] = found  # the middleware need not look again
            return self.application(environ, start_response)
        status, headers, body = found.entry.answer(
            request, hit=True, front_seconds=found.front_seconds
        )
        start_response("200 OK" if status == 200 else "304 Not Modified", headers)
        return [body]


def _store():
    return caches["pages"]


def _safely(operation):
    """`operation()`, or None when the store fails: pages uncached."""
    global _generation_in_doubt
    result = cache_or(_FAILED, operation)
    if result is _FAILED:
        _generation_in_doubt = True
        return None
    return result
