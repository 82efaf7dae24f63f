import json
import re

import pytest

from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def json_ld_blocks(html):
    blocks = re.findall(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html
    )
    return [item for block in blocks for item in json.loads(block)]


def test_article_page_has_a_unique_title_and_meta_description(client):
    article = ArticleFactory(title="Sleep and memory", summary="What sleep does.")
    html = client.get(article.get_absolute_url()).text
    assert "<title>Sleep and memory · Folio</title>" in html
    assert '<meta name="description" content="What sleep does.">' in html


def test_article_page_has_a_canonical_link(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).text
    assert (
        f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">'
        in html
    )


def test_article_page_has_open_graph_and_twitter_tags(client):
    article = ArticleFactory(title="Sleep")
    html = client.get(article.get_absolute_url()).text
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Sleep">' in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_article_json_ld_names_the_author_as_a_person_with_dates(client):
    article = ArticleFactory(author__display_name="Happy Sharer")
    data, _ = json_ld_blocks(client.get(article.get_absolute_url()).text)
    assert data["@type"] == "Article"
    assert data["headline"] == article.title
    assert data["author"] == {
        "@type": "Person",
        "name": "Happy Sharer",
        "url": f"http://testserver{article.author.get_absolute_url()}",
    }
    assert data["datePublished"] == article.published_at.isoformat()
    assert "dateModified" in data


def test_article_json_ld_has_breadcrumbs_through_the_category(client):
    article = ArticleFactory(category=CategoryFactory(name="Health"))
    _, crumbs = json_ld_blocks(client.get(article.get_absolute_url()).text)
    names = [item["name"] for item in crumbs["itemListElement"]]
    assert names == ["Home", "Health", article.title]


def test_json_ld_cannot_be_broken_out_of_by_a_title(client):
    article = ArticleFactory(title="</script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).text
    assert "<script>alert(1)" not in html
    data, _ = json_ld_blocks(html)
    assert data["headline"] == article.title


def test_json_ld_is_the_same_for_every_visitor_and_needs_no_nonce(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    assert "nonce" not in response["Content-Security-Policy"]
    assert '<script type="application/ld+json">' in response.text


def test_list_pages_have_distinct_titles(client):
    category = CategoryFactory(name="Health")
    ArticleFactory(category=category)
    home = client.get("/").text
    listing = client.get(category.get_absolute_url()).text
    assert (
        re.search("<title>(.*?)</title>", home)[1]
        != re.search("<title>(.*?)</title>", listing)[1]
    )
