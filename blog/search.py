"""Full-text search over articles: SQLite FTS5 or PostgreSQL, one behaviour.

Both backends get the same words from the reader's query and the same rules:
every word must match, case does not matter, English stemming ("seizures"
finds "seizure"), English stop words are ignored, and the last word, from
three letters on, also matches as a prefix. Title counts most, then summary,
then body. The reader's text never reaches the query syntax: it is cut into
words first.

The indexes (an FTS5 table on SQLite, the `search_vector` column on
PostgreSQL) come from migration `blog.0002_article_search`.
"""

import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import NotSupportedError, connections
from django.db.models import F, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Replace

from .word_forms import forms_of

MAX_WORDS = 20
MAX_WORD_LENGTH = 50
# A shorter last word would match a good part of the vocabulary as a prefix.
PREFIX_MIN_LENGTH = 3
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


def _prefixed(words) -> bool:
    """Whether the last word also matches as a prefix, as the reader types it.

    Not a word with irregular forms: it is a whole word already."""
    last = words[-1]
    return len(last) >= PREFIX_MIN_LENGTH and forms_of(last) == (last,)


def _search_sqlite(queryset, words):
    # Each form is an FTS5 string, so `AND`, `NEAR(`, `*` or `"` are only text.
    phrases = [
        " OR ".join('"{}"'.format(form.replace('"', '""')) for form in forms_of(w))
        for w in words
    ]
    if _prefixed(words):
        phrases[-1] += " *"
    phrases = [f"({phrase})" if " OR " in phrase else phrase for phrase in phrases]
    # Weights of title, summary, body_text; bm25() is lower for better matches.
    rank = "-bm25(blog_article_fts, 10.0, 5.0, 1.0)"
    # Column 2 is body_text; char(2) and char(3) are MATCH_START and MATCH_END.
    snippet = f"snippet(blog_article_fts, 2, char(2), char(3), '…', {SNIPPET_WORDS})"
    # One MATCH scan joined to the articles, never a MATCH per article: that
    # is quadratic once the prefix stands for many words. So no subquery per
    # row, and the unary + keeps SQLite from looking the FTS5 table up by
    # rowid from each article. The ORM cannot join a table it has no model
    # for, hence extra().
    return queryset.extra(  # noqa: S610 - the reader's words are a parameter
        tables=["blog_article_fts"],
        where=[
            "blog_article_fts MATCH %s",
            "blog_article.id = +blog_article_fts.rowid",
        ],
        params=[" AND ".join(phrases)],
        select={"search_rank": rank, "search_snippet": snippet},
    )


def _plain(field):
    """The field as PostgreSQL's parser should see plain text.

    The parser reads `<word ...>` as an XML tag and drops it, and everything
    after `<script>`; a stand-in character keeps such text searchable. The
    `search_vector` column (migration 0003) is built the same way.
    """
    return Replace(F(field), Value("<"), Value("\x01"), output_field=TextField())


def _search_postgresql(queryset, words):
    # Words hold letters and digits only, so no tsquery operator gets in.
    terms = [" | ".join(forms_of(word)) for word in words]
    if _prefixed(words):
        terms[-1] += ":*"
    terms = [f"({term})" if " | " in term else term for term in terms]
    query = SearchQuery(" & ".join(terms), search_type="raw", config=PG_CONFIG)
    # Stored and GIN-indexed, so ranking reads it instead of parsing every
    # matching article again.
    vector = RawSQL(  # noqa: S611 - no input
        "blog_article.search_vector", [], output_field=SearchVectorField()
    )
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
        queryset.alias(search_vector=vector)
        .filter(search_vector=query)
        .annotate(
            search_rank=SearchRank(F("search_vector"), query),
            search_snippet=Replace(
                headline, Value("\x01"), Value("<"), output_field=TextField()
            ),
        )
    )
