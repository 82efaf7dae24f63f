"""Full-text search indexes for `blog.search`, one per database backend.

SQLite: an FTS5 table over the article's title, summary and body text, kept
in step by triggers (`blog.search_index`, which also restores the triggers
after any later migration that rebuilds `blog_article`).

PostgreSQL: a stored, generated tsvector column `search_vector` (title
weighs A, summary B, body C; English stemming) with a GIN index; storing it
spares ranking a parse of every matching article. It is not a model field,
so Django never selects or writes it. `<` is indexed as a separator, as
`blog.search._plain` does for snippets: PostgreSQL's parser would otherwise
read `<word>` as a tag and skip it. PostgreSQL refuses to change the type of
a column the vector is built from (a longer `title`, say): such a migration
drops `search_vector` first and adds it back afterwards.

The model does not change, so the migration state does not either.
"""

from django.db import migrations

from blog.search_index import create_sqlite_index, drop_sqlite_index

PG_CREATE = [
    """
    ALTER TABLE blog_article ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(
            to_tsvector('english', replace(coalesce(title, ''), '<', E'\\x01')), 'A'
        )
        || setweight(
            to_tsvector('english', replace(coalesce(summary, ''), '<', E'\\x01')), 'B'
        )
        || setweight(
            to_tsvector('english', replace(coalesce(body_text, ''), '<', E'\\x01')),
            'C'
        )
    ) STORED
    """,
    "CREATE INDEX blog_article_search ON blog_article USING gin (search_vector)",
]
PG_DROP = [
    "DROP INDEX IF EXISTS blog_article_search",
    "ALTER TABLE blog_article DROP COLUMN IF EXISTS search_vector",
]


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        create_sqlite_index(schema_editor)
    elif vendor == "postgresql":
        for statement in PG_CREATE:
            schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        drop_sqlite_index(schema_editor)
    elif vendor == "postgresql":
        for statement in PG_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("blog", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
