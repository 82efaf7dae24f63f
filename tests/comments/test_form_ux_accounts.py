"""Signed-in readers comment as their account, and only they see that form.

Name and email come from the account (the author name, else the username;
the account's email), never from the POST; the email is never shown; the
form with their name is rendered for them alone, never a shared fragment.
"""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from comments.visitor import REMEMBER_COOKIE, REMEMBER_SALT
from tests.comments.helpers import comment_data
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db

# The blog's signed-in budget (tests/blog/test_queries.py).
MAX_SIGNED_IN_QUERIES = 8


@pytest.fixture(autouse=True)
def generous_rate_limit(settings):
    settings.FOLIO_COMMENTS_PER_MINUTE = 1000


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.fixture
def author():
    return AuthorFactory(display_name="Ada Lovelace", user__email="ada@example.com")


@pytest.fixture
def signed_in(client, author):
    client.force_login(author.user)
    return client


def post(client, article, **fields):
    url = reverse("comments:comment_create", kwargs={"slug": article.slug})
    return client.post(url, comment_data(article, **fields))


def test_signed_in_reader_has_no_name_or_email_to_type(signed_in, article):
    html = signed_in.get(article.get_absolute_url()).text
    assert 'name="name"' not in html
    assert 'name="email"' not in html
    assert 'name="remember"' not in html
    assert "<strong>Ada Lovelace</strong>" in html


def test_signed_in_reader_is_not_shown_their_email(signed_in, article):
    assert "ada@example.com" not in signed_in.get(article.get_absolute_url()).text


def test_comment_takes_name_and_email_from_the_account_not_the_post(signed_in, article):
    response = post(signed_in, article, name="Mallory", email="mallory@example.org")
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert (comment.name, comment.email) == ("Ada Lovelace", "ada@example.com")


def test_reader_without_an_author_profile_comments_under_their_username(
    client, article
):
    client.force_login(UserFactory(username="grace", email="grace@example.org"))
    post(client, article)
    comment = Comment.objects.get()
    assert (comment.name, comment.email) == ("grace", "grace@example.org")


def test_account_without_an_email_is_asked_for_one(client, article):
    client.force_login(UserFactory(username="grace", email=""))
    html = client.get(article.get_absolute_url()).text
    assert 'name="email"' in html
    assert 'name="name"' not in html
    post(client, article, email="grace@example.org")
    assert Comment.objects.get().email == "grace@example.org"


def test_their_name_never_reaches_an_anonymous_reader(signed_in, article):
    signed_in.get(article.get_absolute_url())  # its shared fragments are cached
    html = Client().get(article.get_absolute_url()).text
    assert "Ada Lovelace" not in html
    assert 'name="email"' in html


def test_a_form_cached_for_anonymous_readers_is_not_theirs(signed_in, article):
    Client().get(article.get_absolute_url())  # the blank form is cached
    html = signed_in.get(article.get_absolute_url()).text
    assert 'name="email"' not in html
    assert "Ada Lovelace" in html


def test_their_page_stays_within_the_signed_in_query_budget(
    signed_in, article, django_assert_max_num_queries
):
    signed_in.get(article.get_absolute_url())
    with django_assert_max_num_queries(MAX_SIGNED_IN_QUERIES):
        assert signed_in.get(article.get_absolute_url()).status_code == 200


def test_account_details_win_over_remembered_ones(signed_in, article):
    remembered = {"name": "Someone", "email": "someone@example.org", "website": ""}
    signed_in.cookies[REMEMBER_COOKIE] = signing.dumps(remembered, salt=REMEMBER_SALT)
    html = signed_in.get(article.get_absolute_url()).text
    assert "someone@example.org" not in html
    post(signed_in, article)
    assert Comment.objects.get().name == "Ada Lovelace"


def test_their_comment_leaves_the_remembered_details_alone(signed_in, article):
    response = post(signed_in, article)
    assert REMEMBER_COOKIE not in response.cookies


def test_their_error_page_keeps_their_email_out(signed_in, article):
    response = post(signed_in, article, body="")
    assert response.status_code == 400
    assert "ada@example.com" not in response.text
    assert 'name="email"' not in response.text


def test_their_comment_with_a_nul_byte_is_refused_and_nothing_saved(signed_in, article):
    assert post(signed_in, article, body="nul\x00byte").status_code == 400
    assert not Comment.objects.exists()


def test_their_same_comment_twice_is_a_duplicate(signed_in, article):
    post(signed_in, article, body="Same words.")
    response = post(signed_in, article, body="Same words.")
    assert "You already posted this comment." in response.text
    assert Comment.objects.count() == 1


def test_author_name_with_html_is_shown_as_text(client, article):
    author = AuthorFactory(display_name="<b>Ada</b>")
    client.force_login(author.user)
    html = client.get(article.get_absolute_url()).text
    assert "<strong>&lt;b&gt;Ada&lt;/b&gt;</strong>" in html
