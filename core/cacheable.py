"""What the page cache may answer and keep, and how a kept page answers.

A request is for the cache when it asks for a public page (GET or HEAD, not
under a private path) and carries no personal cookie and no personal query
parameter; its key keeps only the parameters that choose a page. A response
is kept when it is a public page: 200, no cookie set (a CSRF token used to
render it sets one), not private. A kept page (`Entry`) answers with gzip,
ETag and Last-Modified, 304s and HEAD, as the response it was made from.
"""

import gzip
import hashlib
import re
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.utils.http import http_date, parse_http_date_safe

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
    "/preview/",
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

_personal_cookies = {"messages"}


def register_personal_cookie(name: str) -> None:
    """A cookie whose holder sees pages of their own: never served from cache."""
    _personal_cookies.add(name)


_uncached_params: set[str] = set()


def register_uncached_param(name: str) -> None:
    """A query parameter some app answers itself (an old site's `/?p=12`):
    a request with it is never served from, nor kept in, the cache."""
    _uncached_params.add(name)


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
            if name in PERSONAL_PARAMS or name in _uncached_params:
                return None
            if name in KEY_PARAMS:
                # int() refuses over 4300 digits: check the length first.
                number = value.isascii() and value.isdigit() and len(value) < 8
                if not (number and 0 < int(value) < 10**6):
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

    def answer(self, request: PageRequest, *, hit: bool, front_seconds: int):
        """(status, headers, body) for this request: gzip, 304 and HEAD handled."""
        zipped = "gzip" in request.accept_encoding
        body = self.gzipped if zipped else self.body
        etag = f'"{self.etag}{"-gzip" if zipped else ""}"'
        headers = [
            *self.headers,
            ("Vary", "Cookie, Accept-Encoding"),
            *self.cache_headers(etag=etag, hit=hit, front_seconds=front_seconds),
        ]
        if self._not_modified(request, etag):
            return 304, [(n, v) for n, v in headers if n.lower() != "content-type"], b""
        if zipped:
            headers.append(("Content-Encoding", "gzip"))
        headers.append(("Content-Length", str(len(body))))
        return 200, headers, b"" if request.method == "HEAD" else body

    def cache_headers(
        self, *, etag: str, hit: bool, front_seconds: int
    ) -> list[tuple[str, str]]:
        """Validators for browsers (who ask again each time), how long a front
        cache may keep the page (nginx reads `X-Accel-Expires` and never
        passes it on), and whether the page came from the cache."""
        headers = [
            ("ETag", etag),
            ("Last-Modified", http_date(self.stored_at)),
            ("Cache-Control", "no-cache"),
            ("X-Cache", "HIT" if hit else "MISS"),
        ]
        if front_seconds > 0:
            headers.append(("X-Accel-Expires", str(front_seconds)))
        return headers

    def _not_modified(self, request, etag) -> bool:
        if request.if_none_match:
            tags = {tag.strip() for tag in request.if_none_match.split(",")}
            return etag in tags or "*" in tags
        since = parse_http_date_safe(request.if_modified_since)
        return since is not None and since >= self.stored_at


def is_storable(request, response) -> bool:
    """A public page: 200, no cookie set, not private. A page that used a CSRF
    token sets its cookie (CsrfViewMiddleware, inside this one), so it is
    never kept."""
    cache_control = response.get("Cache-Control", "").lower()
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store"))
        and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
    )


def _environ_scheme(environ) -> str:
    proxy = settings.SECURE_PROXY_SSL_HEADER
    if proxy and environ.get(proxy[0]) == proxy[1]:
        return "https"
    return environ.get("wsgi.url_scheme", "http")


def _environ_path(environ) -> str:
    path = environ.get("PATH_INFO", "")
    return path.encode("latin-1", "replace").decode("utf-8", "replace")
