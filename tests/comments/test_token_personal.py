"""A reader's own form token: asked by the page's script for the cached
page's token, it keeps the time the form was served and posts one comment in
all, from any address."""

import pytest
from django.test import Client
from django.urls import reverse

from comments import spam
from comments.models import Comment
from tests.comments.helpers import comment_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = reverse("comments:comment_form_token")
USED = "This form was already sent once."


@pytest.fixture(autouse=True)
def commenting_settings(settings):
    settings.FOLIO_COMMENT_MIN_SECONDS = 3
    settings.FOLIO_COMMENTS_PER_MINUTE = 1000


@pytest.fixture
def article():
    return ArticleFactory()


def own_token(client, shared: str) -> str:
    response = client.get(TOKEN_URL, {"issued": shared})
    assert response.status_code == 200
    return response.json()["issued"]


def post(client, article, data):
    url = reverse("comments:comment_create", kwargs={"slug": article.slug})
    return client.post(url, data)


def test_an_own_token_posts_a_comment(client, article):
    data = comment_data(article)
    data["issued"] = own_token(client, data["issued"])
    assert post(client, article, data).status_code == 303


def test_an_own_token_is_refused_the_second_time_even_from_another_address(article):
    data = comment_data(article)
    data["issued"] = own_token(Client(), data["issued"])
    post(Client(REMOTE_ADDR="198.51.100.7"), article, data)
    replay = {**data, "body": "Another remark."}
    response = post(Client(REMOTE_ADDR="203.0.113.9"), article, replay)
    assert USED in response.text
    assert Comment.objects.count() == 1


def test_two_readers_of_one_cached_page_each_get_a_token_of_their_own(client, article):
    shared = comment_data(article)["issued"]
    assert own_token(client, shared) != own_token(Client(), shared)


def test_an_own_token_keeps_the_time_the_form_was_served(client, article):
    shared = spam.issue_form_token(article_id=article.pk)  # served just now
    data = comment_data(article, issued=own_token(client, shared))
    response = post(client, article, data)
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_an_own_token_is_for_the_same_article_only(client, article):
    data = comment_data(article)
    other = ArticleFactory()
    data["issued"] = own_token(client, data["issued"])
    assert post(client, other, {**data}).status_code == 400


def test_a_forged_token_gets_no_own_token(client):
    response = client.get(TOKEN_URL, {"issued": "forged:token"})
    assert response.status_code == 400


def test_an_own_token_is_never_cached(client, article):
    response = client.get(TOKEN_URL, {"issued": comment_data(article)["issued"]})
    assert "no-store" in response["Cache-Control"]


def test_a_form_served_back_after_a_replay_carries_an_own_token(client, article):
    data = comment_data(article)
    post(client, article, data)
    replay = post(client, article, {**data, "body": "Another remark."})
    served = replay.context["comment_form"]["issued"].value()
    resent = {**data, "body": "Another remark.", "issued": served}
    assert post(client, article, resent).status_code == 303
    again = post(Client(REMOTE_ADDR="203.0.113.9"), article, {**resent, "body": "3"})
    assert USED in again.text
