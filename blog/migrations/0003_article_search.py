"""Full-text search indexes for `blog.search`, one per database backend.

SQLite: an FTS5 table over the article's title, summary and body text, kept
in step by triggers (`blog.search_index`, which also restores the triggers
after any later migration that rebuilds `blog_article`).

PostgreSQL: a GIN index on the weighted tsvector that the search queries.

The model does not change, so the migration state does not either.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from blog.search_index import create_sqlite_index, drop_sqlite_index

PG_INDEX_NAME = "blog_article_search"


def _pg_index():
    from blog.search import search_document

    return GinIndex(search_document(), name=PG_INDEX_NAME)


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        create_sqlite_index(schema_editor)
    elif vendor == "postgresql":
        Article = apps.get_model("blog", "Article")
        schema_editor.add_index(Article, _pg_index())


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        drop_sqlite_index(schema_editor)
    elif vendor == "postgresql":
        Article = apps.get_model("blog", "Article")
        schema_editor.remove_index(Article, _pg_index())


class Migration(migrations.Migration):
    dependencies = [("blog", "0002_roles")]

    operations = [migrations.RunPython(create_index, drop_index)]
