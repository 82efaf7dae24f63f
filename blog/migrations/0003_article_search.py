"""Full-text search indexes for `blog.search`, one per database backend.

SQLite: an FTS5 table over the article's title, summary and body text, kept
in step by triggers. On SQLite, a later migration that rebuilds
`blog_article` (Django copies the table for most column changes) drops these
triggers with the old table; such a migration must call `create_sqlite_index`
afterwards (the search tests fail until it does).

PostgreSQL: a GIN index on the weighted tsvector that the search queries.

The model does not change, so the migration state does not either.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

PG_INDEX_NAME = "blog_article_search"

SQLITE_CREATE = [
    """
    CREATE VIRTUAL TABLE blog_article_fts USING fts5(
        title, summary, body_text,
        content='blog_article', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 0'
    )
    """,
    """
    CREATE TRIGGER blog_article_fts_insert AFTER INSERT ON blog_article BEGIN
        INSERT INTO blog_article_fts (rowid, title, summary, body_text)
        VALUES (new.id, new.title, new.summary, new.body_text);
    END
    """,
    """
    CREATE TRIGGER blog_article_fts_delete AFTER DELETE ON blog_article BEGIN
        INSERT INTO blog_article_fts (
            blog_article_fts, rowid, title, summary, body_text
        ) VALUES ('delete', old.id, old.title, old.summary, old.body_text);
    END
    """,
    """
    CREATE TRIGGER blog_article_fts_update
    AFTER UPDATE OF id, title, summary, body_text ON blog_article BEGIN
        INSERT INTO blog_article_fts (
            blog_article_fts, rowid, title, summary, body_text
        ) VALUES ('delete', old.id, old.title, old.summary, old.body_text);
        INSERT INTO blog_article_fts (rowid, title, summary, body_text)
        VALUES (new.id, new.title, new.summary, new.body_text);
    END
    """,
    "INSERT INTO blog_article_fts (blog_article_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS blog_article_fts_insert",
    "DROP TRIGGER IF EXISTS blog_article_fts_delete",
    "DROP TRIGGER IF EXISTS blog_article_fts_update",
    "DROP TABLE IF EXISTS blog_article_fts",
]


def _pg_index():
    from blog.search import search_document

    return GinIndex(search_document(), name=PG_INDEX_NAME)


def create_sqlite_index(schema_editor):
    """Create the FTS5 table and its triggers, then fill it from the articles."""
    drop_sqlite_index(schema_editor)
    for statement in SQLITE_CREATE:
        schema_editor.execute(statement)


def drop_sqlite_index(schema_editor):
    for statement in SQLITE_DROP:
        schema_editor.execute(statement)


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
