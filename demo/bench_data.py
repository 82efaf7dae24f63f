"""A big site for `make bench`: thousands of articles and comments in threads.

Bodies are the demo articles' (the sample page among them), rendered once
each; covers are a few drawn images shared by every article; comments come
in threads up to three deep. Rows go in with `bulk_create`, so a full site
is built in a minute or two. Three articles have exactly 0, 50 and 500
approved comments, for the benchmark's article pages.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Author, User
from blog.body import render_body
from blog.models import Article, Category, Tag
from comments.models import Comment
from imaging.processing import save_image

from .covers import draw_cover
from .loader import ARTICLES

BATCH = 2_000
COVER_COUNT = 8
TAGS_PER_ARTICLE = 3
DISCUSSED = {"bench-0-comments": 0, "bench-50-comments": 50, "bench-500-comments": 500}
WORDS = "brain sleep habit memory heart focus light water science health".split()


@dataclass(frozen=True)
class Size:
    articles: int
    authors: int
    categories: int
    tags: int
    comments: int


FULL = Size(articles=10_000, authors=200, categories=50, tags=1_000, comments=200_000)
QUICK = Size(articles=1_000, authors=200, categories=50, tags=1_000, comments=20_000)


@transaction.atomic
def build(size: Size, *, seed: int = 1) -> dict:
    """Fill an empty database with a site of `size`; say what was made."""
    rng = random.Random(seed)  # noqa: S311 - made-up content, not secrets
    authors = _authors(size.authors)
    categories = Category.objects.bulk_create(
        Category(name=f"Category {n}", slug=f"category-{n}")
        for n in range(size.categories)
    )
    tags = Tag.objects.bulk_create(
        Tag(name=f"{WORDS[n % len(WORDS)]} {n}", slug=f"tag-{n}")
        for n in range(size.tags)
    )
    articles = _articles(size, rng, authors, categories)
    _tag(articles, tags, rng)
    comments = _comments(articles, size.comments, rng)
    with connection.cursor() as cursor:  # table statistics, as a maintained site has
        cursor.execute("ANALYZE")
    return {
        "articles": len(articles),
        "authors": len(authors),
        "categories": len(categories),
        "tags": len(tags),
        "comments": comments,
    }


def _authors(count: int) -> list[Author]:
    password = make_password("bench-password")
    users = User.objects.bulk_create(
        User(
            username=f"writer{n}",
            email=f"writer{n}@example.org",
            password=password,
            email_verified=True,
        )
        for n in range(count)
    )
    return Author.objects.bulk_create(
        Author(
            user=user,
            display_name=f"Writer {n}",
            slug=f"writer-{n}",
            bio="Writes about how the body and the mind work, one habit at a time.",
        )
        for n, user in enumerate(users)
    )


def _articles(size, rng, authors, categories) -> list[Article]:
    bodies = [(spec["body"], render_body(spec["body"])) for spec in ARTICLES]
    now = timezone.now()
    slugs = [*DISCUSSED, *(f"bench-{n}" for n in range(size.articles - len(DISCUSSED)))]
    articles = []
    for n, slug in enumerate(slugs):
        source, rendered = bodies[n % len(bodies)]
        articles.append(
            Article(
                title=f"{ARTICLES[n % len(ARTICLES)]['title']} ({n})",
                slug=slug,
                author=authors[n % len(authors)],
                category=categories[n % len(categories)],
                summary=ARTICLES[n % len(ARTICLES)]["summary"],
                body_source=source,
                body=rendered.html,
                toc=rendered.toc,
                body_text=rendered.text,
                reading_time=rendered.reading_time,
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(minutes=n * 90 + rng.randrange(60)),
                cover_alt="An abstract gradient",
            )
        )
    articles = Article.objects.bulk_create(articles, batch_size=BATCH)
    _covers(articles)
    return articles


def _covers(articles: list[Article]) -> None:
    """Draw a few covers, then share their files among all the articles."""
    drawn = []
    for n, article in enumerate(articles[:COVER_COUNT]):
        colors = (
            ("#1d3557", "#457b9d", "#e63946")
            if n % 2
            else ("#264653", "#2a9d8f", "#e9c46a")
        )
        save_image(
            article, "cover", ContentFile(draw_cover(article.slug, colors), "cover.jpg")
        )
        drawn.append(article)
    for n, article in enumerate(articles[COVER_COUNT:]):
        source = drawn[n % len(drawn)]
        article.cover = source.cover.name
        article.cover_width, article.cover_height = (
            source.cover_width,
            source.cover_height,
        )
        article.cover_widths = source.cover_widths
    fields = ["cover", "cover_width", "cover_height", "cover_widths"]
    Article.objects.bulk_update(articles[COVER_COUNT:], fields, batch_size=BATCH)


def _tag(articles, tags, rng) -> None:
    Through = Article.tags.through
    rows = [
        Through(article_id=article.pk, tag_id=tag.pk)
        for article in articles
        for tag in rng.sample(tags, TAGS_PER_ARTICLE)
    ]
    Through.objects.bulk_create(rows, batch_size=BATCH)


def _comments(articles, total: int, rng) -> int:
    """Threads of approved comments: the discussed articles get exactly theirs."""
    counts = {article.pk: DISCUSSED.get(article.slug, 0) for article in articles}
    others = [article.pk for article in articles if article.slug not in DISCUSSED]
    for _ in range(max(0, total - sum(counts.values()))):
        counts[rng.choice(others)] += 1
    start = timezone.now() - timedelta(days=30)
    made = 0
    for depth in (1, 2, 3):
        share = {1: 0.6, 2: 0.3, 3: 0.1}[depth]
        parents = {} if depth == 1 else _parents_by_article(depth - 1)
        batch = []
        for article_id, count in counts.items():
            wanted = round(count * share) if depth > 1 else count - _replies(count)
            candidates = parents.get(article_id, [None]) if depth > 1 else [None]
            if depth > 1 and not parents.get(article_id):
                continue
            for n in range(wanted):
                batch.append(
                    Comment(
                        article_id=article_id,
                        parent_id=rng.choice(candidates),
                        depth=depth,
                        name=f"Reader {rng.randrange(10_000)}",
                        email=f"reader{rng.randrange(10_000)}@example.org",
                        body=f"A thought on this, number {n}: "
                        + " ".join(rng.sample(WORDS, 6)),
                        status=Comment.Status.APPROVED,
                        created_at=start + timedelta(seconds=rng.randrange(2_500_000)),
                    )
                )
        Comment.objects.bulk_create(batch, batch_size=BATCH)
        made += len(batch)
    return made


def _replies(count: int) -> int:
    """How many of an article's `count` comments are replies (levels 2 and 3)."""
    return round(count * 0.3) + round(count * 0.1)


def _parents_by_article(depth: int) -> dict[int, list[int]]:
    parents = {}
    rows = Comment.objects.filter(depth=depth).values_list("article_id", "pk")
    for article_id, pk in rows.iterator(chunk_size=BATCH):
        parents.setdefault(article_id, []).append(pk)
    return parents
