"""A signed-in reader's blank comment form comes from a fragment all of
them share, with their own name and a token of their own put back in."""

import re

import pytest
from django.test import Client

from comments import spam
from comments.templatetags.comments import NAME_MARK, TOKEN_MARK
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db


def form_of(user, article) -> str:
    browser = Client()
    browser.force_login(user)
    page = browser.get(article.get_absolute_url()).text
    return page[page.index('id="respond"') :]


def token_in(html: str) -> str:
    return re.search(r'name="issued" value="([^"]+)"', html)[1]


def test_each_signed_in_reader_sees_their_own_name_in_the_shared_form():
    article = ArticleFactory()
    ada = AuthorFactory(display_name="Ada Lovelace").user
    grace = AuthorFactory(display_name="Grace <Hopper>").user
    assert "<strong>Ada Lovelace</strong>" in form_of(ada, article)
    grace_form = form_of(grace, article)
    assert "<strong>Grace &lt;Hopper&gt;</strong>" in grace_form
    assert "Ada" not in grace_form


def test_the_shared_form_carries_no_stand_in():
    article = ArticleFactory()
    form_of(UserFactory(), article)
    html = form_of(UserFactory(), article)
    assert NAME_MARK not in html
    assert TOKEN_MARK not in html


def test_each_signed_in_reader_gets_a_token_of_their_own():
    article = ArticleFactory()
    first = token_in(form_of(UserFactory(), article))
    second = token_in(form_of(UserFactory(), article))
    assert first != second
    assert spam.form_token_age(second, article_id=article.pk) >= 0


def test_a_reader_without_an_email_is_asked_for_one_in_the_shared_form():
    article = ArticleFactory()
    form_of(UserFactory(), article)  # the variant with an email, cached first
    assert 'name="email"' in form_of(UserFactory(email=""), article)
