import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from comments.threads import THREADS_PER_PAGE
from tests.comments.helpers import comment_data
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def discussion(roots):
    """An article with `roots` top-level comments, a minute apart."""
    article = ArticleFactory()
    start = timezone.now() - timedelta(days=1)
    for n in range(roots):
        CommentFactory(
            article=article, body=f"Root {n}.", created_at=start + timedelta(minutes=n)
        )
    return article


def shown_roots(response):
    return re.findall(r"Root (\d+)\.", response.text)


def test_the_first_page_shows_the_oldest_threads(client):
    article = discussion(THREADS_PER_PAGE + 5)
    roots = shown_roots(client.get(article.get_absolute_url()))
    assert roots == [str(n) for n in range(THREADS_PER_PAGE)]


def test_the_first_page_links_to_the_later_comments(client):
    article = discussion(THREADS_PER_PAGE + 5)
    text = client.get(article.get_absolute_url()).text
    assert 'href="?cpage=2#comments" rel="next"' in text


def test_the_second_page_shows_the_rest_and_links_back(client):
    article = discussion(THREADS_PER_PAGE + 5)
    response = client.get(f"{article.get_absolute_url()}?cpage=2")
    assert shown_roots(response) == [str(n) for n in range(THREADS_PER_PAGE, 55)]
    assert f'href="{article.get_absolute_url()}#comments" rel="prev"' in response.text


def test_replies_are_shown_under_their_thread_on_its_page(client):
    article = discussion(THREADS_PER_PAGE + 1)
    last_root = article.comments.order_by("-created_at").first()
    reply = CommentFactory(article=article, parent=last_root, body="A late reply.")
    CommentFactory(article=article, parent=reply, body="And its answer.")
    first = client.get(article.get_absolute_url()).text
    second = client.get(f"{article.get_absolute_url()}?cpage=2").text
    assert "A late reply." not in first
    assert "A late reply." in second
    assert "And its answer." in second


@pytest.mark.parametrize("page", ["3", "0", "abc", "9999999", "-1"])
def test_a_page_of_comments_that_does_not_exist_is_a_404(client, page):
    article = discussion(THREADS_PER_PAGE + 5)
    url = f"{article.get_absolute_url()}?cpage={page}"
    assert client.get(url).status_code == 404


def test_a_short_discussion_has_no_page_links(client):
    article = discussion(3)
    assert "Pages of comments" not in client.get(article.get_absolute_url()).text


def test_a_reply_link_on_a_later_page_keeps_its_page(client):
    article = discussion(THREADS_PER_PAGE + 1)
    last_root = article.comments.order_by("-created_at").first()
    text = client.get(f"{article.get_absolute_url()}?cpage=2").text
    assert f"?replyto={last_root.pk}&amp;cpage=2#respond" in text


def test_posting_on_a_long_discussion_comes_back_to_the_comments_page(client):
    article = discussion(THREADS_PER_PAGE)
    url = f"{article.get_absolute_url()}comments/"
    response = Client().post(url, comment_data(article))
    new = article.comments.order_by("-pk").first()
    assert response["Location"] == (
        f"{article.get_absolute_url()}?cpage=2#comment-{new.pk}"
    )


def test_a_thread_moved_in_four_levels_deep_shows_its_deepest_reply(client):
    article = ArticleFactory()
    comment = CommentFactory(article=article, body="Level 1")
    for level in (2, 3, 4):
        comment = CommentFactory(article=article, parent=comment, body=f"Level {level}")
    assert "Level 4" in client.get(article.get_absolute_url()).text
