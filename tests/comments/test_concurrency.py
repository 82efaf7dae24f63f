"""200 comments from 20 concurrent readers, against gunicorn on SQLite.

The app runs in real worker processes on a SQLite file of its own (WAL, a
busy timeout and immediate transactions, as configured in base settings);
every reader fetches the article for its CSRF token and form timestamp, then
posts. Every comment must be stored, and no request may fail with a 5xx.
"""

import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 20
COMMENTS_PER_CLIENT = 10
REQUEST_TIMEOUT = 30
SLUG = "concurrency"

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="measures SQLite under concurrent writers; runs with the SQLite suite",
)

CREATE_ARTICLE = f"""
import django
django.setup()
from tests.factories import ArticleFactory
ArticleFactory(slug="{SLUG}")
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 303 after a comment is the answer we check


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """Gunicorn serving a migrated SQLite database with one article."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "FOLIO_COMMENTS_PER_MINUTE": "100000",
        "FOLIO_COMMENT_MIN_SECONDS": "0",
        "REDIS_URL": "",
    }
    run = dict(cwd=ROOT, env=env, check=True, timeout=120, capture_output=True)
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input"], **run)
    subprocess.run([sys.executable, "-c", CREATE_ARTICLE], **run)
    port = free_port()
    log_path = tmp_path / "gunicorn.log"
    log = log_path.open("wb")
    gunicorn = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            f"--bind=127.0.0.1:{port}",
            "--workers=3",
            "--threads=4",
            "--timeout=60",
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,  # a file: a pipe nobody reads would fill up and stall it
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base_url}/healthz", gunicorn, log_path)
        yield base_url, tmp_path / "db.sqlite3"
    finally:
        gunicorn.terminate()
        try:
            gunicorn.wait(timeout=15)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
            gunicorn.wait(timeout=5)
        log.close()


def wait_until_up(url, process, log_path, *, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited: {log_path.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail("gunicorn did not answer within 30 seconds")


def hidden_value(html, name):
    match = re.search(rf'name="{name}" value="([^"]+)"', html)
    assert match, f"no {name} in the article page"
    return match.group(1)


def post_comments(base_url, client_number):
    """One reader: fetch the form, post a comment, again and again."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect
    )
    article_url = f"{base_url}/articles/{SLUG}/"
    statuses = []
    for n in range(COMMENTS_PER_CLIENT):
        with opener.open(article_url, timeout=REQUEST_TIMEOUT) as response:
            html = response.read().decode()
        form = {
            "issued": hidden_value(html, "issued"),
            "name": f"Reader {client_number}",
            "email": f"reader{client_number}@example.org",
            "body": f"Comment {n} from reader {client_number}.",
        }
        request = urllib.request.Request(
            f"{article_url}comments/",
            data=urllib.parse.urlencode(form).encode(),
            method="POST",
        )
        try:
            with opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                statuses.append(response.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)
    return statuses


def test_200_comments_from_20_concurrent_clients_are_all_stored(server):
    base_url, database = server
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = pool.map(
            lambda n: post_comments(base_url, n), range(CLIENTS), timeout=240
        )
        statuses = [status for client in results for status in client]

    assert statuses == [303] * CLIENTS * COMMENTS_PER_CLIENT
    with sqlite3.connect(database) as db:
        stored = db.execute(
            "SELECT status, COUNT(*) FROM comments_comment GROUP BY status"
        ).fetchall()
    assert stored == [("pending", CLIENTS * COMMENTS_PER_CLIENT)]
