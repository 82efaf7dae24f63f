"""Article revisions: one per save that changed the content, and restoring one.

A revision keeps what a writer edits (title, summary, body, category, tags,
cover); status and dates belong to the editorial workflow and are left alone
by a restore; the body is rendered again from the restored source.
"""

from django.core.files.storage import default_storage
from django.db import transaction

from blog.models import Article, Tag

from .models import ArticleRevision


def revision_from_article(article: Article) -> ArticleRevision:
    """An unsaved revision holding the article's current content."""
    return ArticleRevision(
        article=article,
        title=article.title,
        summary=article.summary,
        body=article.body,
        body_source=article.body_source,
        category_id=article.category_id,
        tag_ids=sorted(article.tags.values_list("pk", flat=True)),
        cover=article.cover.name or "",
        cover_alt=article.cover_alt,
        cover_widths=list(article.cover_widths),
    )


def record_revision(
    article: Article, *, by=None, restored_from: ArticleRevision | None = None
) -> ArticleRevision | None:
    """Keep the article's content as a new revision, unless it is unchanged.

    Call after the article and its tags are saved. Returns the new revision,
    or None when the latest one already holds this content.
    """
    revision = revision_from_article(article)
    latest = article.revisions.first()
    if latest is not None and latest.snapshot() == revision.snapshot():
        return None
    revision.created_by = by
    revision.restored_from = restored_from
    revision.save()
    return revision


@transaction.atomic
def restore_revision(revision: ArticleRevision, *, by) -> ArticleRevision | None:
    """Put a revision's content back on its article and record that as a revision.

    The cover comes back only while its file is still stored; otherwise the
    current cover and its alt text stay. Returns the new revision, or None if
    the article already held this content.
    """
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    article.title = revision.title
    article.summary = revision.summary
    article.body_source = revision.body_source
    article.category_id = revision.category_id
    if cover_restorable(revision):
        article.cover = revision.cover
        article.cover_alt = revision.cover_alt
        article.cover_widths = revision.cover_widths if revision.cover else []
    article.save()
    article.tags.set(Tag.objects.filter(pk__in=revision.tag_ids))
    return record_revision(article, by=by, restored_from=revision)


def cover_restorable(revision: ArticleRevision) -> bool:
    """True if the revision had no cover or its image file is still stored."""
    return not revision.cover or default_storage.exists(revision.cover)


def previous_revision(revision: ArticleRevision) -> ArticleRevision | None:
    """The revision of the same article saved just before this one."""
    earlier = revision.article.revisions.filter(
        created_at__lte=revision.created_at
    ).exclude(created_at=revision.created_at, pk__gte=revision.pk)
    return earlier.select_related("category", "created_by").first()
