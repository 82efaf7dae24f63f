"""Pages cost a fixed number of queries, whatever the amount of content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    CommentFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

MAX_PAGE_QUERIES = 8


def busy_article(*, comments, tags, related):
    tag_list = TagFactory.create_batch(tags)
    article = ArticleFactory(category=CategoryFactory(), tags=tag_list)
    for _ in range(related):
        ArticleFactory(tags=tag_list[:2])
    roots = CommentFactory.create_batch(comments, article=article)
    for root in roots[: comments // 2]:
        CommentFactory(article=article, parent=root)
    return article


@pytest.mark.parametrize("size", [1, 30])
def test_article_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, size
):
    article = busy_article(comments=size, tags=size, related=size)
    with django_assert_max_num_queries(MAX_PAGE_QUERIES):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_article_page_costs_the_same_with_many_comments(client):
    small = busy_article(comments=2, tags=2, related=2)
    large = busy_article(comments=60, tags=8, related=8)
    with CaptureQueriesContext(connection) as few:
        client.get(small.get_absolute_url())
    with CaptureQueriesContext(connection) as many:
        client.get(large.get_absolute_url())
    assert len(many) == len(few)


@pytest.mark.parametrize("size", [1, 25])
def test_home_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, size
):
    authors = AuthorFactory.create_batch(3)
    for n in range(size):
        article = ArticleFactory(author=authors[n % 3], category=CategoryFactory())
        CommentFactory.create_batch(2, article=article)
    with django_assert_max_num_queries(MAX_PAGE_QUERIES):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("size", [1, 25])
def test_category_and_author_pages_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, size
):
    category = CategoryFactory()
    author = AuthorFactory()
    ArticleFactory.create_batch(size, category=category, author=author)
    for url in (category.get_absolute_url(), author.get_absolute_url()):
        with django_assert_max_num_queries(MAX_PAGE_QUERIES):
            assert client.get(url).status_code == 200


def test_logged_in_editor_article_page_stays_within_the_budget(
    client, editor, django_assert_max_num_queries
):
    article = busy_article(comments=10, tags=4, related=4)
    client.force_login(editor)
    with django_assert_max_num_queries(MAX_PAGE_QUERIES):
        assert client.get(article.get_absolute_url()).status_code == 200
