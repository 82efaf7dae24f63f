"""Two app servers sharing one PostgreSQL and one Redis see each other's changes.

Each server is a gunicorn of its own, on its own port, with pages cached in
the shared Redis. A change made through one is on the other's next answer:
no server keeps a page the other made stale.
"""

import os
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar

import psycopg
import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import totp_code
from tests.servers import gunicorn, hidden_value, manage, server_environment

DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = pytest.mark.skipif(
    not (DATABASE_URL.startswith("postgres") and REDIS_URL),
    reason="needs PostgreSQL and Redis (DATABASE_URL and REDIS_URL)",
)

# The editor's authenticator app: staff sign in with a second factor.
TOTP_KEY = "3132333435363738393031323334353637383930"

SETUP = f"""
from django_otp.plugins.otp_totp.models import TOTPDevice
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory
chief = UserFactory(username="chief", groups=["Editors"], is_staff=True)
TOTPDevice.objects.create(user=chief, name="app", key="{TOTP_KEY}", confirmed=True)
ArticleFactory(slug="in-the-works", title="Hot off the press", draft=True)
article = ArticleFactory(slug="discussed", title="Much discussed")
CommentFactory(article=article, body="A patient remark.", status="pending")
"""


@pytest.fixture
def database():
    """A PostgreSQL database of its own, migrated, with the setup above."""
    name = f"folio_two_{uuid.uuid4().hex[:12]}"
    server = urllib.parse.urlsplit(DATABASE_URL)
    admin = server._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = server._replace(path=f"/{name}").geturl()
    try:
        env = server_environment(DATABASE_URL=url, REDIS_URL=REDIS_URL)
        manage(env, "migrate", "--no-input")
        manage(env, "shell", "--no-imports", "-c", SETUP)
        yield env
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def servers(database, tmp_path):
    with (
        gunicorn(database, tmp_path / "one.log", "--workers=2") as one,
        gunicorn(database, tmp_path / "two.log", "--workers=2") as two,
    ):
        yield one, two


def read(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.headers.get("X-Cache", ""), response.read().decode()


def warm(url):
    read(url)
    cache, _ = read(url)
    assert cache == "HIT"


def signed_in_editor(base_url):
    """An opener holding the editor's session on one server."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar())
    )
    with opener.open(f"{base_url}/accounts/login/", timeout=30) as response:
        token = hidden_value(response.read().decode(), "csrfmiddlewaretoken")
    post(
        opener,
        f"{base_url}/accounts/login/",
        username="chief",
        password="correct horse",
        csrfmiddlewaretoken=token,
    )
    second_step = f"{base_url}/accounts/two-factor/"
    post(
        opener,
        second_step,
        code=totp_code(TOTPDevice(key=TOTP_KEY)),
        csrfmiddlewaretoken=csrf_token(opener, second_step),
    )
    return opener


def post(opener, url, **fields):
    data = urllib.parse.urlencode(fields, doseq=True).encode()
    with opener.open(urllib.request.Request(url, data=data), timeout=30) as response:
        return response.read().decode()


def csrf_token(opener, url):
    with opener.open(url, timeout=30) as response:
        return hidden_value(response.read().decode(), "csrfmiddlewaretoken")


def test_an_article_published_through_one_is_served_by_the_other(servers):
    one, two = servers
    warm(f"{two}/")
    assert "Hot off the press" not in read(f"{two}/")[1]
    editor = signed_in_editor(one)
    changelist = f"{one}/admin/blog/article/"
    with editor.open(f"{changelist}?q=Hot", timeout=30) as response:
        html = response.read().decode()
    article_id = hidden_value(html, "_selected_action")
    post(
        editor,
        changelist,
        action="publish_now",
        _selected_action=article_id,
        csrfmiddlewaretoken=csrf_token(editor, changelist),
    )
    assert "Hot off the press" in read(f"{two}/")[1]
    assert read(f"{two}/articles/in-the-works/")[1].count("Hot off the press") > 0


def test_a_comment_approved_through_one_is_shown_by_the_other(servers):
    one, two = servers
    article = f"{two}/articles/discussed/"
    warm(article)
    assert "A patient remark." not in read(article)[1]
    editor = signed_in_editor(one)
    queue = f"{one}/moderation/"
    with editor.open(queue, timeout=30) as response:
        html = response.read().decode()
    comment_id = hidden_value(html, "comments")
    post(
        editor,
        f"{one}/moderation/{comment_id}/approve/",
        csrfmiddlewaretoken=csrf_token(editor, queue),
    )
    assert "A patient remark." in read(article)[1]
