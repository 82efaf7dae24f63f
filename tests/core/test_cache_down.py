"""Redis down means slower pages and limits counted per process, never an error.

The cache is pointed at a Redis that nobody listens on, as when Redis is
stopped: every call to it fails to connect, as it does in an outage.
"""

import json
import time
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from core import caching
from tests.accounts.conftest import link_in
from tests.comments.helpers import comment_data
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

NOBODY_LISTENS = "redis://127.0.0.1:1/0"
PASSWORD = "correct horse"


@pytest.fixture(autouse=True)
def redis_down(settings):
    settings.CACHES = {
        name: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": NOBODY_LISTENS,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        for name in ("default", "pages")
    }


@pytest.fixture(autouse=True)
def fresh_process_counters():
    """What this process counted and learnt while the cache was down, forgotten
    per test (and before tests whose cache answers)."""
    caching.local_cache.clear()
    caching.forget_failures()
    yield
    caching.local_cache.clear()
    caching.forget_failures()


def sign_in(client, user, password=PASSWORD):
    return client.post(
        reverse("login"), {"username": user.username, "password": password}
    )


def test_the_cache_really_is_down():
    with pytest.raises(Exception, match="Connection refused|Error 111"):
        caching.caches["default"].get("anything")


def test_an_unreachable_cache_is_left_alone_for_a_few_seconds():
    caching.cache_or(None, lambda: caching.caches["default"].get("anything"))
    operation = mock.Mock()
    assert caching.cache_or("fallback", operation) == "fallback"
    operation.assert_not_called()


def test_an_unreachable_cache_is_asked_again_after_its_rest(monkeypatch):
    caching.cache_or(None, lambda: caching.caches["default"].get("anything"))
    later = time.monotonic() + caching.REST_SECONDS
    monkeypatch.setattr(caching.time, "monotonic", lambda: later)
    assert caching.cache_or("fallback", lambda: "answer") == "answer"


# Pages


def test_an_article_page_is_served_uncached(client):
    article = ArticleFactory()
    for _ in range(2):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert "X-Cache" not in response


def test_the_home_page_is_served_to_an_anonymous_reader(client):
    ArticleFactory(title="Still here")
    response = client.get(reverse("blog:article_list"))
    assert response.status_code == 200
    assert "Still here" in response.text


def test_an_article_page_is_served_to_a_signed_in_reader(client):
    article = ArticleFactory(title="Read while signed in")
    sign_in(client, UserFactory())
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Read while signed in" in response.text
    assert "Sign out" in response.text


# Comments


def test_a_comment_is_taken(client):
    article = ArticleFactory()
    url = f"{article.get_absolute_url()}comments/"
    assert client.post(url, comment_data(article)).status_code == 303
    assert Comment.objects.filter(article=article).exists()


def test_the_comment_rate_limit_still_holds_counted_in_the_process(client, settings):
    settings.FOLIO_COMMENTS_PER_MINUTE = 2
    article = ArticleFactory()
    url = f"{article.get_absolute_url()}comments/"
    answers = [
        client.post(url, comment_data(article, body=f"Remark {n}")).status_code
        for n in range(3)
    ]
    assert answers == [303, 303, 429]
    assert Comment.objects.filter(article=article).count() == 2


# Signing in, out, and back in


def test_signing_in_works(client):
    assert sign_in(client, UserFactory()).status_code == 302


def test_a_wrong_password_is_still_a_form_error(client):
    response = sign_in(client, UserFactory(), password="wrong")
    assert response.status_code == 200
    assert "correct username and password" in response.text


def test_five_wrong_passwords_still_lock_the_account(client):
    user = UserFactory()
    for _ in range(5):
        sign_in(Client(), user, password="wrong")
    response = sign_in(client, user)
    assert response.status_code == 200
    assert "Too many failed sign-ins" in response.text


def test_a_right_password_after_a_few_wrong_ones_signs_in(client):
    user = UserFactory()
    for _ in range(4):
        sign_in(Client(), user, password="wrong")
    assert sign_in(client, user).status_code == 302


def test_a_signed_in_reader_keeps_their_session_from_the_database(client):
    sign_in(client, UserFactory())
    assert client.get(reverse("accounts:account")).status_code == 200


def test_signing_out_ends_the_session(client):
    sign_in(client, UserFactory())
    assert client.post(reverse("logout")).status_code == 302
    response = client.get(reverse("accounts:account"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_registering_still_sends_the_confirmation_link(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            reverse("accounts:register"),
            {
                "username": "newcomer",
                "email": "newcomer@example.org",
                "display_name": "New Comer",
                "password1": "a sturdy Passphrase 42",
                "password2": "a sturdy Passphrase 42",
            },
        )
    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [["newcomer@example.org"]]


def test_a_password_reset_sends_a_link_that_sets_a_new_password(client, mailoutbox):
    user = UserFactory(email="reader@example.org")
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response["Location"] == reverse("password_reset_done")
    link = link_in(mailoutbox[0], "/accounts/reset/")
    form_url = client.get(link)["Location"]
    new = "another sturdy Passphrase 7"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new)


# /healthz


def test_healthz_stays_up_and_says_the_cache_is_unavailable(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    report = json.loads(response.content)
    assert (report["status"], report["database"], report["cache"]) == (
        "ok",
        "ok",
        "unavailable",
    )
    assert "mail_queue" in report
