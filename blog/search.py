"""Full-text search over articles: SQLite FTS5 or PostgreSQL, one behaviour.

Both backends get the same words from the reader's query and the same rules:
every word must match, case does not matter, English stemming ("seizures"
finds "seizure"), English stop words are ignored, and the last word also
matches as a prefix. Title counts most, then summary, then body. The reader's
text never reaches the query syntax: it is cut into words first.

The index lives in migration `blog.0003_article_search`.
"""

import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import NotSupportedError, connections
from django.db.models import F, FloatField, Func, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Replace

MAX_WORDS = 20
MAX_WORD_LENGTH = 50
SNIPPET_WORDS = 30
# Snippets come back with matches between these two characters; the
# `highlight` template filter escapes the text, then turns them into <mark>.
MATCH_START, MATCH_END = "\x02", "\x03"

PG_CONFIG = "english"

# PostgreSQL's english.stop. FTS5 keeps stop words, so both backends drop
# them from the query here and then require the same words.
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he
    him his himself she her hers herself it its itself they them their theirs
    themselves what which who whom this that these those am is are was were be
    been being have has had having do does did doing a an the and but if or
    because as until while of at by for with about against between into
    through during before after above below to from up down in out on off over
    under again further then once here there when where why how all any both
    each few more most other some such no nor not only own same so than too
    very s t can will just don should now
    """.split()
)
_WORD = re.compile(r"[^\W_]+")


def query_words(query: str) -> list[str]:
    """The words of a reader's query: letters and digits only, lower case."""
    words = (word[:MAX_WORD_LENGTH].lower() for word in _WORD.findall(query))
    return [word for word in words if word not in STOP_WORDS][:MAX_WORDS]


def search_articles(queryset, query: str):
    """Articles of `queryset` matching `query`, best first.

    Each carries `search_rank` (higher is better) and `search_snippet`, a
    piece of the body with matches between MATCH_START and MATCH_END.
    """
    words = query_words(query)
    if not words:
        return queryset.none()
    vendor = connections[queryset.db].vendor
    if vendor == "sqlite":
        queryset = _search_sqlite(queryset, words)
    elif vendor == "postgresql":
        queryset = _search_postgresql(queryset, words)
    else:
        raise NotSupportedError(f"Article search does not support {vendor}.")
    return queryset.order_by("-search_rank", "-published_at", "-pk")


class _Fts5Value(Func):
    """A value FTS5 computes for the outer article row: its rank or snippet.

    The joiner puts the article's id, resolved by the ORM whatever the
    table's alias, after the MATCH argument.
    """

    template = (
        "(SELECT %(column)s FROM blog_article_fts "
        "WHERE blog_article_fts MATCH %(expressions)s)"
    )
    arg_joiner = " AND blog_article_fts.rowid = "


def _search_sqlite(queryset, words):
    # Each word is an FTS5 string, so `AND`, `NEAR(`, `*` or `"` are only text.
    phrases = ['"{}"'.format(word.replace('"', '""')) for word in words]
    match = " ".join(phrases) + " *"
    # Weights of title, summary, body_text; bm25() is lower for better matches.
    rank = "-bm25(blog_article_fts, 10.0, 5.0, 1.0)"
    # Column 2 is body_text; char(2) and char(3) are MATCH_START and MATCH_END.
    snippet = f"snippet(blog_article_fts, 2, char(2), char(3), '…', {SNIPPET_WORDS})"
    matching = RawSQL(  # noqa: S611 - the query is a parameter
        "SELECT rowid FROM blog_article_fts WHERE blog_article_fts MATCH %s", [match]
    )
    return queryset.filter(pk__in=matching).annotate(
        search_rank=_Fts5Value(
            Value(match), F("pk"), column=rank, output_field=FloatField()
        ),
        search_snippet=_Fts5Value(
            Value(match), F("pk"), column=snippet, output_field=TextField()
        ),
    )


def _plain(field):
    """The field as PostgreSQL's parser should see plain text.

    The parser reads `<word ...>` as an XML tag and drops it, and everything
    after `<script>`; a stand-in character keeps such text searchable.
    """
    return Replace(F(field), Value("<"), Value("\x01"), output_field=TextField())


def search_document():
    """The weighted tsvector the PostgreSQL GIN index is built on.

    Migration 0003 indexes exactly this expression; change it only together
    with a migration that rebuilds the index.
    """
    return (
        SearchVector(_plain("title"), weight="A", config=PG_CONFIG)
        + SearchVector(_plain("summary"), weight="B", config=PG_CONFIG)
        + SearchVector(_plain("body_text"), weight="C", config=PG_CONFIG)
    )


def _search_postgresql(queryset, words):
    # Words hold letters and digits only, so no tsquery operator gets in.
    query = SearchQuery(" & ".join(words) + ":*", search_type="raw", config=PG_CONFIG)
    headline = SearchHeadline(
        _plain("body_text"),
        query,
        config=PG_CONFIG,
        start_sel=MATCH_START,
        stop_sel=MATCH_END,
        max_words=SNIPPET_WORDS,
        min_words=SNIPPET_WORDS // 2,
    )
    return (
        queryset.alias(search_document=search_document())
        .filter(search_document=query)
        .annotate(
            search_rank=SearchRank(F("search_document"), query),
            search_snippet=Replace(
                headline, Value("\x01"), Value("<"), output_field=TextField()
            ),
        )
    )
