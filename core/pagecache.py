"""The page cache: whole public pages served without rendering, exact on every change.

Cached: GET and HEAD of a public page answered 200 to a visitor who carries
no personal cookie (a session, messages, a remembered commenter: apps
register theirs), rendered without a CSRF token and setting no cookie. The
key is the scheme, host, path and the few query parameters pages read
(`page`, `cpage`); any other parameter (`utm_source`, a random cache buster)
is left out of the key, so it cannot multiply entries, and a parameter that
makes the page one visitor's (`replyto`, `q`) is never served from here.

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
that is down means uncached pages, never an error.

`PageCacheMiddleware` (core/middleware.py) stores pages and serves hits
inside Django; `PageCacheApp` serves hits before Django is entered at all.
"""

import gzip
import hashlib
import re
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.db import transaction
from django.utils.http import http_date, parse_http_date_safe

from . import frontcache
from .caching import cache_or

GENERATION_KEY = "generation"
LOOKUP_ENVIRON_KEY = "folio.page_cache_lookup"
# Query parameters that select a page of a list or of a comment thread.
KEY_PARAMS = frozenset({"page", "cpage"})
# Query parameters that make a page one visitor's, or unbounded.
PERSONAL_PARAMS = frozenset({"replyto", "q"})
PRIVATE_PREFIXES = (
    "/admin/",
    "/accounts/",
    "/dashboard/",
    "/moderation/",
    "/comments/",
    "/search/",
    "/static/",
    "/media/",
    "/healthz",
)
# Answers that are the same for everybody, signed in or not: feeds, the
# sitemap and robots.txt.
IMPERSONAL_PATHS = re.compile(r"(^|/)feed/$|^/sitemap\.xml$|^/robots\.txt$")
CACHEABLE_TYPES = (
    "text/html",
    "text/plain",
    "application/atom+xml",
    "application/rss+xml",
    "application/xml",
)
NOT_STORED_HEADERS = frozenset({"content-length", "set-cookie", "vary", "etag"})

# The pages this process served last, by storage key: a key names a page of
# one generation, so its content never changes and needs no second fetch.
RECENT_PAGES = 64

_clocks = []
_personal_cookies = {"messages"}
_recent = {}


def register_clock(clock) -> None:
    """`clock()` returns the next moment a page changes by itself, or None."""
    _clocks.append(clock)


def register_personal_cookie(name: str) -> None:
    """A cookie whose holder sees pages of their own: never served from cache."""
    _personal_cookies.add(name)


def pages_changed() -> None:
    """Something readers see changed: no page rendered before may be served.

    A new generation starts at once and again when the change commits; front
    caches are told once it is committed (core/frontcache.py).
    """
    start_generation()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(start_generation, robust=True)
        transaction.on_commit(frontcache.ban_everything, robust=True)
    else:
        frontcache.ban_everything()


def start_generation() -> None:
    due = min(filter(None, (clock() for clock in _clocks)), default=None)
    record = (time.time_ns(), due.timestamp() if due else None)
    _safely(lambda: _store().set(GENERATION_KEY, record, timeout=None))


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
    seconds = fragment_seconds()
    if not seconds:
        return render()
    generation = getattr(request, "_fragment_generation", None)
    if generation is None:
        generation = fragment_generation()
        if request is not None:
            request._fragment_generation = generation
    key = make_template_fragment_key(name, [generation, *vary])
    html = _safely(lambda: _store().get(key))
    if html is None:
        html = render()
        _safely(lambda: _store().set(key, html, seconds))
    return html


def current_generation() -> int | None:
    """The generation to read and store pages under; None when one must start."""
    record = _safely(lambda: _store().get(GENERATION_KEY))
    if record is None:
        return None
    generation, due = record
    if due is not None and time.time() >= due:
        return None
    return generation


@dataclass(frozen=True)
class PageRequest:
    """What the cache needs of a request, from Django or straight from WSGI."""

    method: str
    scheme: str
    host: str
    path: str
    query: str = ""
    cookies: str = ""
    accept_encoding: str = ""
    if_none_match: str = ""
    if_modified_since: str = ""

    @classmethod
    def from_environ(cls, environ):
        return cls(
            method=environ.get("REQUEST_METHOD", ""),
            scheme=_environ_scheme(environ),
            host=environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""),
            path=_environ_path(environ),
            query=environ.get("QUERY_STRING", ""),
            cookies=environ.get("HTTP_COOKIE", ""),
            accept_encoding=environ.get("HTTP_ACCEPT_ENCODING", ""),
            if_none_match=environ.get("HTTP_IF_NONE_MATCH", ""),
            if_modified_since=environ.get("HTTP_IF_MODIFIED_SINCE", ""),
        )

    @classmethod
    def from_django(cls, request):
        return cls.from_environ({**request.META, "PATH_INFO": request.path_info})

    def key(self) -> str | None:
        """The page's identity, or None if this request is not for the cache."""
        if self.method not in ("GET", "HEAD"):
            return None
        if self.path.startswith(PRIVATE_PREFIXES):
            return None
        if self._has_personal_cookie() and not IMPERSONAL_PATHS.search(self.path):
            return None
        kept = []
        for name, value in parse_qsl(self.query, keep_blank_values=True):
            if name in PERSONAL_PARAMS:
                return None
            if name in KEY_PARAMS:
                if not (value.isascii() and value.isdigit() and 0 < int(value) < 10**6):
                    return None  # Django answers it (a 404)
                if int(value) > 1:  # page 1 is the page without the parameter
                    kept.append((name, str(int(value))))
        return f"{self.scheme}://{self.host}{self.path}?{urlencode(sorted(kept))}"

    def _has_personal_cookie(self) -> bool:
        if not self.cookies:
            return False
        personal = _personal_cookies | {settings.SESSION_COOKIE_NAME}
        names = {part.split("=", 1)[0].strip() for part in self.cookies.split(";")}
        return not personal.isdisjoint(names)


@dataclass
class Entry:
    """A stored page: its headers, its body plain and gzipped, its validators."""

    headers: list[tuple[str, str]]
    body: bytes
    gzipped: bytes
    etag: str
    stored_at: int = field(default_factory=lambda: int(time.time()))

    @classmethod
    def from_response(cls, response):
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in NOT_STORED_HEADERS
        ]
        body = response.content
        digest = hashlib.blake2b(body, digest_size=12).hexdigest()
        return cls(headers, body, gzip.compress(body, 6, mtime=0), digest)

    def age(self) -> float:
        return time.time() - self.stored_at

    def answer(self, request: PageRequest, *, hit: bool):
        """(status, headers, body) for this request: gzip, 304 and HEAD handled."""
        zipped = "gzip" in request.accept_encoding
        body = self.gzipped if zipped else self.body
        etag = f'"{self.etag}{"-gzip" if zipped else ""}"'
        headers = [
            *self.headers,
            ("Vary", "Cookie, Accept-Encoding"),
            ("ETag", etag),
            ("Last-Modified", http_date(self.stored_at)),
            ("Cache-Control", "no-cache"),
            ("Surrogate-Control", f"max-age={settings.FOLIO_PAGE_CACHE_SECONDS}"),
            ("X-Cache", "HIT" if hit else "MISS"),
        ]
        if self._not_modified(request, etag):
            return 304, [(n, v) for n, v in headers if n.lower() != "content-type"], b""
        if zipped:
            headers.append(("Content-Encoding", "gzip"))
        headers.append(("Content-Length", str(len(body))))
        return 200, headers, b"" if request.method == "HEAD" else body

    def _not_modified(self, request, etag) -> bool:
        if request.if_none_match:
            tags = {tag.strip() for tag in request.if_none_match.split(",")}
            return etag in tags or "*" in tags
        since = parse_http_date_safe(request.if_modified_since)
        return since is not None and since >= self.stored_at


@dataclass(frozen=True)
class Lookup:
    identity: str | None = None  # None: not a request for the cache
    key: str | None = None  # None: no generation yet, one must start
    entry: Entry | None = None


def lookup(request: PageRequest) -> Lookup:
    """Where this request's page is stored, and the page if it is there."""
    if not settings.FOLIO_PAGE_CACHE:
        return Lookup()
    identity = request.key()
    if identity is None:
        return Lookup()
    generation = current_generation()
    if generation is None:
        return Lookup(identity)
    digest = hashlib.blake2b(identity.encode(), digest_size=16).hexdigest()
    key = f"page:{generation}:{digest}"
    entry = _recent.get(key)
    if entry is None:
        entry = _safely(lambda: _store().get(key))
        if entry is not None:
            _remember(key, entry)
    if entry is not None and entry.age() >= settings.FOLIO_PAGE_CACHE_SECONDS:
        _recent.pop(key, None)
        entry = None  # past its lifetime, whatever the store says
    return Lookup(identity, key, entry)


def store(key: str, entry: Entry) -> None:
    timeout = settings.FOLIO_PAGE_CACHE_SECONDS
    _safely(lambda: _store().set(key, entry, timeout=timeout))
    _remember(key, entry)


def _remember(key: str, entry: Entry) -> None:
    _recent[key] = entry
    while len(_recent) > RECENT_PAGES:
        _recent.pop(next(iter(_recent)), None)


def is_storable(request, response) -> bool:
    """A public page: 200, no cookie set, no CSRF token in it, not private."""
    cache_control = response.get("Cache-Control", "").lower()
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_USED")
        and not any(word in cache_control for word in ("private", "no-store"))
        and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
    )


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
        status, headers, body = found.entry.answer(request, hit=True)
        start_response("200 OK" if status == 200 else "304 Not Modified", headers)
        return [body]


def _store():
    return caches["pages"]


def _safely(operation):
    return cache_or(None, operation)  # a cache that is down: pages uncached


def _environ_scheme(environ) -> str:
    proxy = settings.SECURE_PROXY_SSL_HEADER
    if proxy and environ.get(proxy[0]) == proxy[1]:
        return "https"
    return environ.get("wsgi.url_scheme", "http")


def _environ_path(environ) -> str:
    path = environ.get("PATH_INFO", "")
    return path.encode("latin-1", "replace").decode("utf-8", "replace")
