"""The article page says when a published change was last made: "Updated on …"."""

import json
import re
from datetime import UTC, datetime

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
REVISED = datetime(2025, 3, 9, 10, 30, tzinfo=UTC)


def json_ld(html):
    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html)
    return json.loads(block.group(1))[0]


def test_article_page_shows_updated_on_the_date_an_update_was_published(client):
    article = ArticleFactory(revised_at=REVISED)
    html = client.get(article.get_absolute_url()).text
    assert "Updated on <time" in html
    assert "March 9, 2025</time>" in html


def test_updated_on_carries_its_time_to_the_second(client):
    article = ArticleFactory(revised_at=REVISED.replace(microsecond=123456))
    html = client.get(article.get_absolute_url()).text
    assert '<time datetime="2025-03-09T10:30:00+00:00">March 9, 2025' in html


def test_article_page_without_a_published_update_shows_no_updated_line(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).text
    assert "Updated on" not in html


def test_a_later_save_without_an_update_adds_no_updated_line(client):
    article = ArticleFactory()
    article.comments_enabled = False
    article.save()
    html = client.get(article.get_absolute_url()).text
    assert "Updated on" not in html


def test_modified_time_is_the_date_of_the_published_update(client):
    article = ArticleFactory(revised_at=REVISED)
    html = client.get(article.get_absolute_url()).text
    expected = '<meta property="article:modified_time" content="2025-03-09T10:30:00'
    assert expected in html


def test_modified_time_is_the_publication_before_any_update(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).text
    published = article.published_at.isoformat()[:19]
    assert f'<meta property="article:modified_time" content="{published}' in html


def test_json_ld_date_modified_is_the_date_of_the_published_update(client):
    article = ArticleFactory(revised_at=REVISED)
    data = json_ld(client.get(article.get_absolute_url()).text)
    assert data["dateModified"] == REVISED.isoformat()
