"""The comment form's signed token takes one comment from an address.

Only a comment that is taken uses it: a form sent back with errors keeps
its token. Readers of a cached page share one token, so it is used once per
client address, not once.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from tests.comments.helpers import comment_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

USED = "This form was already sent once."


@pytest.fixture(autouse=True)
def commenting_settings(settings):
    settings.FOLIO_COMMENT_MIN_SECONDS = 3
    settings.FOLIO_COMMENTS_PER_MINUTE = 1000


@pytest.fixture
def article():
    return ArticleFactory()


def post(client, article, data):
    url = reverse("comments:comment_create", kwargs={"slug": article.slug})
    return client.post(url, data)


def served_token(response):
    return response.context["comment_form"]["issued"].value()


def token_on_page(html: str) -> str:
    return re.search(r'name="issued" value="([^"]+)"', html)[1]


def test_a_token_posts_one_comment(client, article):
    data = comment_data(article)
    assert post(client, article, data).status_code == 303
    replay = post(client, article, {**data, "body": "Another remark."})
    assert replay.status_code == 400
    assert USED in replay.text
    assert Comment.objects.count() == 1


def test_a_replay_from_another_browser_at_the_address_is_refused(article):
    data = comment_data(article)
    post(Client(), article, data)
    replay = post(Client(), article, {**data, "body": "Another remark."})
    assert USED in replay.text
    assert Comment.objects.count() == 1


def test_a_refused_replay_comes_back_with_a_token_that_works(client, article):
    data = comment_data(article)
    post(client, article, data)
    replay = post(client, article, {**data, "body": "Another remark."})
    resent = {**data, "body": "Another remark.", "issued": served_token(replay)}
    assert post(client, article, resent).status_code == 303
    assert Comment.objects.count() == 2


def test_a_form_sent_back_with_errors_keeps_its_token_usable(client, article):
    data = comment_data(article, email="ada@example")
    response = post(client, article, data)
    assert served_token(response) == data["issued"]
    corrected = {**data, "email": "ada@example.org"}
    assert post(client, article, corrected).status_code == 303


def test_readers_of_a_cached_page_at_other_addresses_share_its_token(article):
    data = comment_data(article)
    first = Client(REMOTE_ADDR="198.51.100.7")
    second = Client(REMOTE_ADDR="203.0.113.9")
    assert post(first, article, data).status_code == 303
    other = {**data, "email": "grace@example.org", "body": "Mine."}
    assert post(second, article, other).status_code == 303


def test_the_page_after_a_comment_has_a_fresh_form(client, article, settings):
    settings.FOLIO_COMMENT_MIN_SECONDS = 0
    shared = token_on_page(client.get(article.get_absolute_url()).text)
    response = post(client, article, comment_data(article, issued=shared))
    assert response.status_code == 303
    page = client.get(response["Location"]).text
    assert token_on_page(page) != shared
    assert token_on_page(Client().get(article.get_absolute_url()).text) == shared
