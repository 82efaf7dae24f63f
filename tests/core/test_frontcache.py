"""Front caches hear of every change readers can see, and only of those."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.test import Client

from core import frontcache
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def front_cache(settings, monkeypatch):
    """A stand-in front cache on 127.0.0.1 that counts the bans it is sent."""
    bans = []

    class Handler(BaseHTTPRequestHandler):
        def do_BAN(self):  # noqa: N802 - the HTTP method's name
            bans.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.FOLIO_FRONT_CACHES = [f"http://127.0.0.1:{server.server_port}"]
    monkeypatch.setattr(frontcache, "SECOND_BAN_SECONDS", 0.01)
    yield bans
    # Each change bans twice: let a second ban still on its way arrive here,
    # not at the next test's stand-in, which may get this one's port.
    wait_for(bans, len(bans) + len(bans) % 2)
    server.shutdown()
    server.server_close()


def wait_for(bans, count):
    """Up to ten seconds: a loaded machine can be slow to run the sender."""
    for _ in range(1000):
        if len(bans) >= count:
            return
        threading.Event().wait(0.01)


def test_a_committed_change_bans_every_page_twice(
    front_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory()
    wait_for(front_cache, 2)
    assert front_cache == ["/", "/"]


def test_nothing_is_banned_before_the_change_commits(
    front_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        ArticleFactory()
    assert front_cache == []


def test_a_pending_comment_bans_nothing(
    front_cache, django_capture_on_commit_callbacks
):
    article = ArticleFactory()  # never committed: the test's transaction
    with django_capture_on_commit_callbacks(execute=True):
        CommentFactory(pending=True, article=article)
    assert front_cache == []


def test_a_front_cache_that_is_down_is_no_error(settings):
    settings.FOLIO_FRONT_CACHES = ["http://127.0.0.1:1"]
    frontcache._ban(settings.FOLIO_FRONT_CACHES)


def test_public_pages_tell_front_caches_how_long_to_keep_them(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    assert response["Surrogate-Control"] == "max-age=21600"


def test_a_signed_in_readers_page_is_not_for_front_caches(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    assert "Surrogate-Control" not in client.get(article.get_absolute_url())
    assert "Surrogate-Control" not in Client().get("/search/?q=a")
