"""200 comments from 20 concurrent readers, against gunicorn on SQLite.

The app runs in real worker processes on a SQLite file of its own (WAL, a
busy timeout and immediate transactions, as configured in base settings);
every reader fetches the article for its CSRF token and form timestamp, then
posts, each from an address of its own (a form token is used once per
address). Every comment must be stored, and no request may fail with a 5xx.
"""

import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar

import pytest
from django.conf import settings

from tests.servers import gunicorn, hidden_value, manage, server_environment

CLIENTS = 20
COMMENTS_PER_CLIENT = 10
REQUEST_TIMEOUT = 30
SLUG = "concurrency"

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="measures SQLite under concurrent writers; runs with the SQLite suite",
)

CREATE_ARTICLE = f"""
from tests.factories import ArticleFactory
ArticleFactory(slug="{SLUG}")
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 303 after a comment is the answer we check


@pytest.fixture
def server(tmp_path):
    """Gunicorn serving a migrated SQLite database with one article."""
    env = server_environment(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        FOLIO_COMMENTS_PER_MINUTE="100000",
        FOLIO_COMMENT_MIN_SECONDS="0",
        FOLIO_TRUST_X_FORWARDED_FOR="true",
        REDIS_URL="",
    )
    manage(env, "migrate", "--no-input")
    manage(env, "shell", "--no-imports", "-c", CREATE_ARTICLE)
    options = ("--workers=3", "--threads=4")
    with gunicorn(env, tmp_path / "gunicorn.log", *options) as base_url:
        yield base_url, tmp_path / "db.sqlite3"


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
            headers={"X-Forwarded-For": f"192.0.2.{client_number + 1}"},
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
