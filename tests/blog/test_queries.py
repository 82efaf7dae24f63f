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

# Anonymous readers, on any public page, whatever the data.
MAX_PAGE_QUERIES = 6
# Signed in: the session, the user and their permissions come on top.
MAX_SIGNED_IN_QUERIES = 8


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
    client.get(article.get_absolute_url())  # its shared fragments are cached
    with django_assert_max_num_queries(MAX_SIGNED_IN_QUERIES):
        assert client.get(article.get_absolute_url()).status_code == 200


def site_of(size):
    """`size` articles in one category and tag by one author, with comments."""
    category, tag, author = CategoryFactory(), TagFactory(), AuthorFactory()
    articles = ArticleFactory.create_batch(
        size, category=category, tags=[tag], author=author
    )
    for article in articles[:3]:
        roots = CommentFactory.create_batch(size, article=article)
        CommentFactory(article=article, parent=roots[0])
    return articles[0], category, tag, author


PUBLIC_PAGES = {
    "home": lambda article, category, tag, author: "/",
    "article": lambda article, category, tag, author: article.get_absolute_url(),
    "category": lambda article, category, tag, author: category.get_absolute_url(),
    "tag": lambda article, category, tag, author: tag.get_absolute_url(),
    "author": lambda article, category, tag, author: author.get_absolute_url(),
    "authors": lambda *objects: "/authors/",
    "search": lambda *objects: "/search/?q=words",
    "feed": lambda *objects: "/feed/",
    "category feed": lambda article, category, *rest: (
        f"{category.get_absolute_url()}feed/"
    ),
    "author feed": lambda article, category, tag, author: (
        f"{author.get_absolute_url()}feed/"
    ),
    "sitemap": lambda *objects: "/sitemap.xml",
    "robots": lambda *objects: "/robots.txt",
}


@pytest.mark.parametrize("size", [2, 40])
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_public_page_stays_within_six_queries(
    client, django_assert_max_num_queries, name, size
):
    url = PUBLIC_PAGES[name](*site_of(size))
    with django_assert_max_num_queries(MAX_PAGE_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", ["home", "article", "category", "author", "sitemap"])
def test_a_public_page_runs_as_many_queries_at_two_sizes(client, name):
    counts = []
    for size in (2, 30):
        url = PUBLIC_PAGES[name](*site_of(size))
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    assert counts[0] == counts[1]
