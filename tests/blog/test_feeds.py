from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest

from blog.models import Article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    CommentFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def entries(response):
    return parse(response).findall(f"{ATOM}entry")


def titles(response):
    return [entry.findtext(f"{ATOM}title") for entry in entries(response)]


def set_updated_at(article, when):
    Article.objects.filter(pk=article.pk).update(updated_at=when)


def test_feed_is_served_as_atom(client):
    response = client.get("/feed/")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"


def test_feed_lists_public_articles(client):
    ArticleFactory(title="Out in the open")
    assert titles(client.get("/feed/")) == ["Out in the open"]


@pytest.mark.parametrize(
    "hidden",
    [
        {"draft": True},
        {"scheduled": True},
        {"status": Article.Status.SUBMITTED},
        {"status": Article.Status.ARCHIVED},
    ],
)
def test_feed_leaves_out_articles_that_are_not_public(client, hidden):
    ArticleFactory(title="Not for readers yet", **hidden)
    assert titles(client.get("/feed/")) == []


def test_feed_lists_the_twenty_newest_articles_first(client):
    articles = ArticleFactory.create_batch(21)
    for day, article in enumerate(articles, start=1):
        Article.objects.filter(pk=article.pk).update(
            published_at=datetime(2024, 1, day, tzinfo=UTC)
        )
    newest_first = [article.title for article in reversed(articles)]
    assert titles(client.get("/feed/")) == newest_first[:20]


def test_feed_entry_carries_the_published_and_updated_times(client):
    article = ArticleFactory(published_at=datetime(2024, 3, 1, 9, 30, tzinfo=UTC))
    set_updated_at(article, datetime(2024, 3, 2, 17, 5, tzinfo=UTC))
    [entry] = entries(client.get("/feed/"))
    published = datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
    updated = datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert published == datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
    assert updated == datetime(2024, 3, 2, 17, 5, tzinfo=UTC)


def test_feed_updated_is_the_newest_change_among_its_articles(client):
    april = datetime(2024, 4, 1, tzinfo=UTC)
    older, newer = ArticleFactory.create_batch(2, published_at=april)
    set_updated_at(older, datetime(2024, 5, 1, tzinfo=UTC))
    set_updated_at(newer, datetime(2024, 5, 3, tzinfo=UTC))
    feed = parse(client.get("/feed/"))
    updated = datetime.fromisoformat(feed.findtext(f"{ATOM}updated"))
    assert updated == datetime(2024, 5, 3, tzinfo=UTC)


def test_feed_entry_links_to_the_article_page(client):
    article = ArticleFactory()
    [entry] = entries(client.get("/feed/"))
    link = entry.find(f"{ATOM}link").get("href")
    assert link == f"http://testserver{article.get_absolute_url()}"


def test_feed_entry_has_the_summary_and_the_body_as_content(client):
    ArticleFactory(summary="In short.", body_source="<h2>Why</h2><p>Because.</p>")
    [entry] = entries(client.get("/feed/"))
    assert entry.findtext(f"{ATOM}summary") == "In short."
    assert entry.find(f"{ATOM}content").get("type") == "html"
    assert "<p>Because.</p>" in entry.findtext(f"{ATOM}content")


def test_feed_entry_names_the_author_and_links_to_the_author_page(client):
    author = AuthorFactory(display_name="Happy Sharer")
    ArticleFactory(author=author)
    [entry] = entries(client.get("/feed/"))
    byline = entry.find(f"{ATOM}author")
    assert byline.findtext(f"{ATOM}name") == "Happy Sharer"
    assert byline.findtext(f"{ATOM}uri") == (
        f"http://testserver{author.get_absolute_url()}"
    )


def test_feed_entry_lists_the_category_and_the_tags(client):
    ArticleFactory(
        category=CategoryFactory(name="Health"),
        tags=[TagFactory(name="sleep"), TagFactory(name="anxiety")],
    )
    [entry] = entries(client.get("/feed/"))
    terms = [category.get("term") for category in entry.findall(f"{ATOM}category")]
    assert terms == ["Health", "anxiety", "sleep"]


def test_feed_never_includes_comments_or_commenters_emails(client):
    CommentFactory(email="private@example.org", body="My own two cents")
    response = client.get("/feed/")
    assert "private@example.org" not in response.text
    assert "My own two cents" not in response.text


@pytest.mark.parametrize("size", [1, 20])
def test_feed_runs_a_fixed_number_of_queries_whatever_the_number_of_articles(
    client, django_assert_max_num_queries, size
):
    tags = TagFactory.create_batch(3)
    for _ in range(size):
        ArticleFactory(category=CategoryFactory(), tags=tags)
    with django_assert_max_num_queries(2):
        assert len(entries(client.get("/feed/"))) == size


def test_category_feed_lists_only_that_categorys_articles(client):
    health = CategoryFactory()
    ArticleFactory(title="On sleep", category=health)
    ArticleFactory(title="On stars", category=CategoryFactory())
    assert titles(client.get(f"/category/{health.slug}/feed/")) == ["On sleep"]


def test_category_feed_leaves_out_drafts(client):
    health = CategoryFactory()
    ArticleFactory(category=health, draft=True)
    assert titles(client.get(f"/category/{health.slug}/feed/")) == []


def test_category_feed_is_titled_after_the_category(client):
    health = CategoryFactory(name="Health")
    feed = parse(client.get(f"/category/{health.slug}/feed/"))
    assert feed.findtext(f"{ATOM}title").startswith("Health")


def test_category_feed_of_an_unknown_slug_is_404(client):
    assert client.get("/category/no-such-thing/feed/").status_code == 404


def test_author_feed_lists_only_that_authors_articles(client):
    author = AuthorFactory()
    ArticleFactory(title="Mine", author=author)
    ArticleFactory(title="Someone else's")
    assert titles(client.get(f"/authors/{author.slug}/feed/")) == ["Mine"]


def test_author_feed_of_an_unknown_slug_is_404(client):
    assert client.get("/authors/no-such-person/feed/").status_code == 404


@pytest.mark.parametrize("unpublished", [{"draft": True}, {"scheduled": True}])
def test_author_feed_of_an_author_without_public_articles_is_404(client, unpublished):
    article = ArticleFactory(**unpublished)
    response = client.get(f"/authors/{article.author.slug}/feed/")
    assert response.status_code == 404


def test_feed_entry_resolves_relative_links_in_the_body_against_the_article(client):
    article = ArticleFactory()
    [entry] = entries(client.get("/feed/"))
    base = entry.get("{http://www.w3.org/XML/1998/namespace}base")
    assert base == f"http://testserver{article.get_absolute_url()}"


def test_feed_summary_is_declared_as_text(client):
    ArticleFactory(summary="Less <b>than</b> you think.")
    entry = ElementTree.fromstring(client.get("/feed/").content).find(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == "Less <b>than</b> you think."


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_feeds_answer_only_get_and_head(client, method):
    assert getattr(client, method)("/feed/").status_code == 405


def test_a_feed_answers_head(client):
    assert client.head("/feed/").status_code == 200
