"""Redis stopped under a running app server, then started again.

The outage as operators see it: a gunicorn with two workers, its cache in a
Redis of the test's own, which is stopped while readers read, commenters
comment and people sign in. Nothing answers 5xx; `/healthz` says the cache
is unavailable, and says it is back when Redis is, with no restart.
"""

import contextlib
import http.cookiejar
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.servers import (
    free_port,
    gunicorn,
    hidden_value,
    manage,
    server_environment,
)

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="needs redis-server"
)

SETUP = """
from tests.factories import ArticleFactory, UserFactory
UserFactory(username="reader")
ArticleFactory(slug="read-on", title="Read on")
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test looks at the redirect itself


def browser():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect
    )


def send(opener, url, **fields):
    """Status and text of a GET, or of a POST when there are fields."""
    data = urllib.parse.urlencode(fields).encode() if fields else None
    try:
        with opener.open(urllib.request.Request(url, data=data), timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class Redis:
    """A redis-server on a free port, keeping nothing on disk."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            time.sleep(0.05)
        pytest.fail("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def redis():
    server = Redis()
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def site(redis, tmp_path):
    env = server_environment(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL=redis.url,
        FOLIO_COMMENT_MIN_SECONDS="0",
    )
    manage(env, "migrate", "--no-input")
    manage(env, "shell", "--no-imports", "-c", SETUP)
    with gunicorn(env, tmp_path / "app.log", "--workers=2") as base_url:
        yield base_url


def sign_in(base_url, password):
    opener = browser()
    _, page = send(opener, f"{base_url}/accounts/login/")
    token = hidden_value(page, "csrfmiddlewaretoken")
    status, _ = send(
        opener,
        f"{base_url}/accounts/login/",
        username="reader",
        password=password,
        csrfmiddlewaretoken=token,
    )
    return status


def comment(base_url, n):
    article = f"{base_url}/articles/read-on/"
    opener = browser()
    _, page = send(opener, article)
    return send(
        opener,
        f"{article}comments/",
        name="Ada Reader",
        email="ada@example.org",
        body=f"Remark number {n}.",
        issued=hidden_value(page, "issued"),
    )[0]


def health(base_url):
    return send(browser(), f"{base_url}/healthz")


def test_stopping_redis_answers_no_error_and_starting_it_again_heals(redis, site):
    send(browser(), f"{site}/")
    redis.stop()
    answers = [send(browser(), f"{site}/")[0] for _ in range(4)]
    answers += [send(browser(), f"{site}/articles/read-on/")[0] for _ in range(4)]
    answers += [comment(site, n) for n in range(4)]
    answers += [sign_in(site, "wrong") for _ in range(2)]
    answers += [sign_in(site, "correct horse") for _ in range(2)]
    assert answers == [200] * 8 + [303] * 4 + [200] * 2 + [302] * 2
    status, report = health(site)
    assert status == 200
    assert '"cache": "unavailable"' in report
    redis.start()
    assert '"cache": "ok"' in health(site)[1]
