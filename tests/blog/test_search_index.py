import pytest
from django.db import connection

from blog.models import Article
from blog.search_index import restore_sqlite_index
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="the FTS5 index exists on SQLite only"
    ),
]


def test_restoring_the_index_brings_back_dropped_triggers_and_content():
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER blog_article_fts_insert")
    ArticleFactory(title="Lighthouses of the north")
    restore_sqlite_index(using="default")
    assert Article.objects.published().search("lighthouses").count() == 1
