"""Front caches hear of every change readers can see, and only of those."""

import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from core import frontcache
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def front_cache(settings, monkeypatch):
    """A stand-in front cache on 127.0.0.1 that counts the purges it is sent."""
    purges = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            purges.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.FOLIO_FRONT_CACHES = [f"http://127.0.0.1:{server.server_port}"]
    monkeypatch.setattr(frontcache, "SECOND_PURGE_SECONDS", 0.01)
    yield purges
    # Each change purges twice: let a second purge still on its way arrive
    # here, not at the next test's stand-in, which may get this one's port.
    wait_for(purges, len(purges) + len(purges) % 2)
    server.shutdown()
    server.server_close()


def wait_for(purges, count):
    """Up to ten seconds: a loaded machine can be slow to run the sender."""
    for _ in range(1000):
        if len(purges) >= count:
            return
        threading.Event().wait(0.01)


def test_a_committed_change_purges_every_page_twice(
    front_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory()
    wait_for(front_cache, 2)
    assert front_cache == ["/", "/"]


def test_nothing_is_purged_before_the_change_commits(
    front_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        ArticleFactory()
    assert front_cache == []


def test_a_pending_comment_purges_nothing(
    front_cache, django_capture_on_commit_callbacks
):
    article = ArticleFactory()  # never committed: the test's transaction
    with django_capture_on_commit_callbacks(execute=True):
        CommentFactory(pending=True, article=article)
    assert front_cache == []


def test_a_front_cache_that_is_down_is_no_error_only_reported(settings):
    settings.FOLIO_FRONT_CACHES = ["http://127.0.0.1:1"]
    assert frontcache.purge_once(settings.FOLIO_FRONT_CACHES) == ["http://127.0.0.1:1"]


def test_the_purge_command_purges_every_front_cache_once(front_cache):
    output = StringIO()
    call_command("purge_front_caches", stdout=output)
    assert front_cache == ["/"]
    assert "Purged 1 front cache" in output.getvalue()


def test_the_purge_command_fails_when_a_front_cache_does_not_answer(settings):
    settings.FOLIO_FRONT_CACHES = ["http://127.0.0.1:1"]
    with pytest.raises(CommandError, match="127.0.0.1:1"):
        call_command("purge_front_caches", stdout=StringIO())


def test_public_pages_tell_front_caches_how_long_to_keep_them(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    assert response["X-Accel-Expires"] == "21600"


def test_a_page_from_the_cache_is_kept_only_for_what_is_left_of_its_lifetime(
    client, monkeypatch
):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    an_hour_on = time.time() + 3600
    monkeypatch.setattr("core.cacheable.time.time", lambda: an_hour_on)
    monkeypatch.setattr("core.pagecache.time.time", lambda: an_hour_on)
    response = client.get(article.get_absolute_url())
    assert response["X-Cache"] == "HIT"
    assert int(response["X-Accel-Expires"]) in (21600 - 3600, 21600 - 3601)


def test_front_caches_drop_pages_when_a_scheduled_article_comes_out(client):
    ArticleFactory(published_at=timezone.now() + timedelta(minutes=10))
    response = client.get("/")
    assert 598 <= int(response["X-Accel-Expires"]) <= 600


def test_a_signed_in_readers_page_is_not_for_front_caches(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    assert "X-Accel-Expires" not in client.get(article.get_absolute_url())
    assert "X-Accel-Expires" not in Client().get("/search/?q=a")
