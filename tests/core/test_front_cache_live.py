"""The shipped front cache (deploy/nginx-front-cache.conf) before a real app.

nginx with Folio's configuration, in front of gunicorn with production
settings; changes are made in another process, as an editor's would be, and
reach nginx as the app's purge. nginx and its Lua module come from Debian
(`apt-get install -y nginx libnginx-mod-http-lua`): skipped here without
them, required in CI.
"""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone

from scripts import front_cache
from scripts.benchkit import site_environment
from tests.servers import ROOT, free_port, gunicorn, manage

SETUP = """
from tests.factories import ArticleFactory
ArticleFactory(slug="first-light", title="First light")
ArticleFactory(slug="talked-about", title="Talked about")
"""

# Another process's factories count from the start again: new articles take
# the author the setup made.
WRITER = """
from blog.models import Article
from tests.factories import ArticleFactory
writer = Article.objects.first().author
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(front cache address, app environment): one site for the module."""
    reason = front_cache.missing()
    if reason:
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(reason)
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("front")
    folder.chmod(0o755)
    app_port, purge_port = free_port(), front_cache.free_port()
    env = {
        **site_environment(folder),
        "FOLIO_FRONT_CACHES": f"http://127.0.0.1:{purge_port}",
        "FOLIO_TRUST_X_FORWARDED_FOR": "true",
    }
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage(env, "shell", "--no-imports", "-c", SETUP)
    with (
        front_cache.front_cache(folder / "nginx", app_port, purge_port) as (url, _),
        gunicorn(env, folder / "gunicorn.log", port=app_port),
    ):
        yield url, env


def get(url, *, headers=None, method="GET"):
    """(status, headers, body) of a request, errors included."""
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, reply.headers, reply.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


def kept(url, **options):
    """The answer once the page is surely in the front cache."""
    get(url, **options)
    return get(url, **options)


def change(env, code):
    """Run `code` in a Django shell of its own, as another app server would."""
    run = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]


def test_a_public_page_is_served_from_the_front_cache(site):
    base, _env = site
    _status, headers, _body = kept(f"{base}/articles/first-light/")
    assert headers["X-Front-Cache"] == "HIT"


def test_the_lifetime_header_stays_between_the_app_and_nginx(site):
    base, _env = site
    _status, headers, _body = kept(f"{base}/articles/first-light/")
    assert "X-Accel-Expires" not in headers


def test_publishing_shows_the_article_on_the_kept_home_page_at_once(site):
    base, env = site
    assert "Fresh from the press" not in kept(f"{base}/")[2]
    change(
        env,
        WRITER
        + "ArticleFactory(slug='fresh', title='Fresh from the press', author=writer)",
    )
    assert "Fresh from the press" in get(f"{base}/")[2]


def test_approving_a_comment_shows_it_on_the_kept_article_at_once(site):
    base, env = site
    change(
        env,
        "from blog.models import Article\n"
        "from tests.factories import CommentFactory\n"
        "CommentFactory(article=Article.objects.get(slug='talked-about'),"
        " body='A remark worth waiting for.', status='pending')",
    )
    assert (
        "A remark worth waiting for." not in kept(f"{base}/articles/talked-about/")[2]
    )
    change(
        env,
        "from comments.models import Comment\n"
        "comment = Comment.objects.get(body='A remark worth waiting for.')\n"
        "comment.status = 'approved'\n"
        "comment.save()",
    )
    assert "A remark worth waiting for." in get(f"{base}/articles/talked-about/")[2]


def schedule_soon(env, *, slug, title):
    """An article scheduled three seconds ahead; when it is due."""
    due = timezone.now() + timedelta(seconds=3)
    change(
        env,
        WRITER + "import datetime\n"
        f"ArticleFactory(slug={slug!r}, title={title!r}, author=writer,"
        f" published_at=datetime.datetime.fromisoformat('{due.isoformat()}'))",
    )
    return due


def wait_past(due):
    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 1.1)


def test_a_scheduled_article_appears_once_its_time_comes(site):
    base, env = site
    due = schedule_soon(env, slug="on-the-hour", title="Right on time")
    assert "Right on time" not in kept(f"{base}/")[2]
    wait_past(due)
    assert "Right on time" in get(f"{base}/")[2]


def test_a_page_kept_anew_after_its_time_is_served_from_its_new_copy(site):
    # nginx keeps kept pages' files open: the copy stored after the old one
    # ran out must be the one read, not the old file still held open.
    base, env = site
    due = schedule_soon(env, slug="kept-anew", title="Stored again")
    assert "Stored again" not in kept(f"{base}/")[2]
    wait_past(due)
    get(f"{base}/")
    _status, headers, body = get(f"{base}/")
    assert headers["X-Front-Cache"] == "HIT"
    assert "Stored again" in body


def test_a_signed_in_reader_is_never_served_from_the_front_cache(site):
    base, _env = site
    url = f"{base}/articles/first-light/"
    _status, headers, _body = kept(url, headers={"Cookie": "sessionid=abc"})
    assert headers["X-Front-Cache"] == "BYPASS"


def test_a_feed_is_shared_even_with_a_session(site):
    base, _env = site
    _status, headers, _body = kept(f"{base}/feed/", headers={"Cookie": "sessionid=abc"})
    assert headers["X-Front-Cache"] == "HIT"


def test_cache_busting_parameters_share_the_page_they_bust(site):
    base, _env = site
    kept(f"{base}/articles/first-light/")
    _status, headers, _body = get(f"{base}/articles/first-light/?utm_source=x&r=12")
    assert headers["X-Front-Cache"] == "HIT"


def test_an_old_wordpress_address_goes_to_the_app_not_the_kept_home(site):
    base, _env = site
    kept(f"{base}/")
    _status, headers, _body = get(f"{base}/?p=12")
    assert headers["X-Front-Cache"] == "BYPASS"


def test_a_page_parameter_given_twice_goes_to_the_app(site):
    base, _env = site
    _status, headers, _body = get(f"{base}/?page=1&page=2")
    assert headers["X-Front-Cache"] == "BYPASS"


def test_a_private_path_is_never_kept(site):
    base, _env = site
    _status, headers, _body = kept(f"{base}/accounts/login/")
    assert "X-Front-Cache" not in headers


def test_a_kept_page_answers_a_conditional_request_with_304(site):
    base, _env = site
    _status, headers, _body = kept(f"{base}/articles/first-light/")
    status, _headers, _body = get(
        f"{base}/articles/first-light/", headers={"If-None-Match": headers["ETag"]}
    )
    assert status == 304


def test_a_kept_page_answers_head_without_a_body(site):
    base, _env = site
    status, headers, body = kept(f"{base}/articles/first-light/", method="HEAD")
    assert (status, headers["X-Front-Cache"], body) == (200, "HIT", "")


def test_a_gzip_reader_and_a_plain_one_each_get_their_own_page(site):
    base, _env = site
    url = f"{base}/articles/first-light/"
    _s, zipped, _b = kept(url, headers={"Accept-Encoding": "gzip"})
    _s, plain, body = kept(url)
    assert zipped["Content-Encoding"] == "gzip"
    assert plain["Content-Encoding"] is None and "First light" in body


def test_a_purge_sent_to_the_site_purges_nothing(site):
    base, _env = site
    url = f"{base}/articles/first-light/"
    kept(url)
    get(f"{base}/", method="PURGE")
    assert get(url)[1]["X-Front-Cache"] == "HIT"
