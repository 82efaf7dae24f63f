"""SQLite's full-text index of articles: an FTS5 table kept in step by triggers.

Django rebuilds a SQLite table for most column changes, and the triggers go
with the old table; `restore_sqlite_index` runs after every `migrate` and puts
them back (and refills the index) when they are missing.
"""

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


def create_sqlite_index(schema_editor):
    """Create the FTS5 table and its triggers, then fill it from the articles."""
    drop_sqlite_index(schema_editor)
    for statement in SQLITE_CREATE:
        schema_editor.execute(statement)


def drop_sqlite_index(schema_editor):
    for statement in SQLITE_DROP:
        schema_editor.execute(statement)


TRIGGERS = (
    "blog_article_fts_insert",
    "blog_article_fts_delete",
    "blog_article_fts_update",
)


def restore_sqlite_index(using="default", **kwargs):
    """post_migrate: recreate the index if a migration dropped its triggers."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
            "(%s, %s, %s)",
            TRIGGERS,
        )
        if cursor.fetchone()[0] == len(TRIGGERS):
            return
        if "blog_article" not in connection.introspection.table_names(cursor):
            return
        # A plain cursor: SQLite's schema editor refuses to run inside a
        # transaction, and this may run in one.
        for statement in SQLITE_DROP + SQLITE_CREATE:
            cursor.execute(statement)
