"""Redis down means slower pages and no counting, never an error page."""

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from tests.comments.helpers import comment_data
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

NOBODY_LISTENS = "redis://127.0.0.1:1/0"


@pytest.fixture(autouse=True)
def redis_down(settings):
    settings.CACHES = {
        name: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": NOBODY_LISTENS,
        }
        for name in ("default", "pages")
    }


def test_an_article_page_is_served_uncached(client):
    article = ArticleFactory()
    for _ in range(2):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert "X-Cache" not in response


def test_a_comment_is_taken_without_the_rate_limit(client):
    article = ArticleFactory()
    url = f"{article.get_absolute_url()}comments/"
    assert client.post(url, comment_data(article)).status_code == 303
    assert Comment.objects.filter(article=article).exists()


def test_signing_in_works_unthrottled(client):
    user = UserFactory()
    response = client.post(
        reverse("login"), {"username": user.username, "password": "correct horse"}
    )
    assert response.status_code == 302


def test_a_wrong_password_is_still_a_form_error(client):
    user = UserFactory()
    response = client.post(
        reverse("login"), {"username": user.username, "password": "wrong"}
    )
    assert response.status_code == 200
    assert "correct username and password" in response.text


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


def test_a_signed_in_reader_keeps_their_session_from_the_database(client):
    user = UserFactory()
    client.post(
        reverse("login"), {"username": user.username, "password": "correct horse"}
    )
    assert client.get(reverse("accounts:account")).status_code == 200
