"""Cached pages after an outage of their cache: nothing changed meanwhile is lost.

A change made while the page cache does not answer cannot end the stored
generation; once the cache answers again, pages rendered before the change
must not be served.
"""

from unittest import mock

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client

from editorial import workflow
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def memory_caches(settings):
    """Caches whose failures the tests choose, whatever the suite runs on."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages-outage",
        },
    }


def cache_down():
    """Every read and write of the caches refused, as by a Redis that is down."""
    return mock.patch.multiple(
        LocMemCache,
        get=mock.Mock(side_effect=ConnectionError),
        set=mock.Mock(side_effect=ConnectionError),
        add=mock.Mock(side_effect=ConnectionError),
    )


def test_an_article_unpublished_while_the_cache_was_down_stays_gone(editor):
    article = ArticleFactory(title="Soon gone")
    url = article.get_absolute_url()
    Client().get(url)
    assert Client().get(url)["X-Cache"] == "HIT"
    with cache_down():
        workflow.unpublish(article, by=editor)
        assert Client().get(url).status_code == 404
    assert Client().get(url).status_code == 404
    assert "Soon gone" not in Client().get("/").text


def test_pages_are_cached_again_once_the_cache_is_back():
    article = ArticleFactory()
    url = article.get_absolute_url()
    with cache_down():
        assert Client().get(url).status_code == 200
    Client().get(url)
    assert Client().get(url)["X-Cache"] == "HIT"
