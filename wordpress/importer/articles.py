"""WordPress posts → Folio articles, with their status, terms, cover and body.

Statuses: publish → published at its `post_date_gmt`; future → published
at a future time (Folio's schedule); draft and private → draft; pending →
submitted; trash, auto-draft and inherit are skipped. Folio gives an
article one category: the first; the others become tags. Folio has no
sticky flag: sticky posts are counted, not warned about one by one.
"""

from django.utils import timezone

from blog.body_limits import BodyTooComplex, check_body_limits
from blog.models import Article, SlugRedirect
from blog.pages import is_reserved_slug

from .. import addresses
from ..content import convert_body
from ..records import Item
from ..report import IMPORTED, SKIPPED, UNCHANGED, UPDATED
from .authors import author_for, user_for
from .comments import import_comments
from .context import Context, ItemSkipped, Kind
from .images import ImageLibrary, set_cover
from .terms import tag_for_category
from .text import ascii_slug, cut, plain_text

Status = Article.Status
STATUSES = {
    "publish": Status.PUBLISHED,
    "future": Status.PUBLISHED,
    "draft": Status.DRAFT,
    "private": Status.DRAFT,
    "pending": Status.SUBMITTED,
}
NOT_IMPORTED = {"trash", "auto-draft", "inherit"}
SUMMARY_LENGTH = Article._meta.get_field("summary").max_length
TITLE_LENGTH = Article._meta.get_field("title").max_length
SLUG_LENGTH = Article._meta.get_field("slug").max_length


def skip_status(ctx: Context, item: Item, statuses) -> bool:
    """Count (and, for a status we do not know, warn about) an item whose
    status is not imported."""
    if item.status in statuses:
        return False
    ctx.report.count(item.post_type, SKIPPED)
    if item.status not in NOT_IMPORTED:
        ctx.report.warn(
            item.post_type,
            item.wp_id,
            item.title,
            f"its status “{item.status}” is not one WordPress exports: skipped",
        )
    return True


def import_post(ctx: Context, item: Item, library: ImageLibrary) -> None:
    if skip_status(ctx, item, STATUSES):
        return
    author_pk = author_for(ctx, item.creator, title=item.title, wp_id=item.wp_id)
    article = ctx.imported(Kind.POST, item.wp_id, Article)
    before = _state(article) if article else None
    article = article or Article(author_id=author_pk)
    article.author_id = author_pk
    library.working_on(item, owner_id=user_for(ctx, author_pk))
    article.body_source = body_source(ctx, item, library)
    article.title = title_of(item, TITLE_LENGTH)
    article.slug = free_slug(ctx, item, article)
    article.summary = plain_text(item.excerpt, max_length=SUMMARY_LENGTH)
    article.status = STATUSES[item.status]
    article.published_at = _published_at(ctx, item, article.status)
    category_pk, tag_pks = _terms(ctx, item)
    article.category_id = category_pk
    set_cover(ctx, article, item)
    tags_before = set(article.tags.values_list("pk", flat=True)) if before else None
    if before is None:
        article.save()
        article.tags.set(tag_pks)
        ctx.report.count(Kind.POST, IMPORTED)
    elif before != _state(article) or tags_before != set(tag_pks):
        article.save()
        article.tags.set(tag_pks)
        ctx.report.count(Kind.POST, UPDATED)
    else:
        ctx.report.count(Kind.POST, UNCHANGED)
    if item.sticky:
        ctx.report.count(Kind.POST, "sticky")
    ctx.record(Kind.POST, item.wp_id, article)
    import_comments(ctx, article, item)
    if not ctx.dry_run:
        addresses.remember_item_addresses(ctx.site, item, article)


def title_of(item: Item, max_length: int) -> str:
    return cut(item.title.strip(), max_length) or f"Untitled ({item.wp_id})"


def body_source(ctx: Context, item: Item, library: ImageLibrary) -> str:
    """The converted body, its warnings reported; ItemSkipped when it is more
    than Folio's editor would let anyone save."""
    converted = convert_body(item.content, images=library)
    for warning in converted.warnings:
        ctx.report.warn(item.post_type, item.wp_id, item.title, warning)
    if converted.unknown_shortcodes:
        names = ", ".join(f"[{name}]" for name in converted.unknown_shortcodes)
        ctx.report.warn(
            item.post_type,
            item.wp_id,
            item.title,
            f"shortcodes Folio does not know, kept as text: {names}",
        )
    try:
        check_body_limits(converted.source)
    except BodyTooComplex as error:
        raise ItemSkipped(str(error)) from None
    return converted.source


def free_slug(ctx: Context, item: Item, row) -> str:
    """The item's slug in ASCII, or the next free one (`-2`…) when another
    row has it; the old address still leads here (`addresses`). An
    article's former slug is taken too: its redirect stays."""
    model = type(row)
    max_length = model._meta.get_field("slug").max_length - 8
    base = ascii_slug(
        item.slug or item.title,
        fallback=f"{item.post_type}-{item.wp_id}",
        max_length=max_length,
    )
    slug, n = base, 1
    while _slug_taken(model, slug, row.pk):
        n += 1
        slug = f"{base}-{n}"
    if slug != base:
        ctx.report.warn(
            item.post_type,
            item.wp_id,
            item.title,
            f"the address “{base}” is taken: imported as “{slug}”",
        )
    return slug


def _slug_taken(model, slug: str, pk) -> bool:
    if model._default_manager.filter(slug=slug).exclude(pk=pk).exists():
        return True
    if model is Article:
        redirects = SlugRedirect.objects.filter(old_slug=slug)
        return redirects.exclude(article_id=pk).exists()
    return is_reserved_slug(slug)  # a page's /slug/ another address has


def _published_at(ctx: Context, item: Item, status):
    if status != Status.PUBLISHED:
        return None
    if item.date_gmt is None:
        ctx.report.warn(
            Kind.POST,
            item.wp_id,
            item.title,
            "its publication date is missing: published as of the import",
        )
        return timezone.now()
    return item.date_gmt


def _terms(ctx: Context, item: Item) -> tuple[int | None, list[int]]:
    """The first known category, and the tags (with the other categories)."""
    categories = []
    for slug in item.categories:
        pk = ctx.maps.get(Kind.CATEGORY, slug)
        if pk is None:
            _unknown_term(ctx, item, "category", slug)
        else:
            categories.append(slug)
    tags = []
    for slug in item.tags:
        pk = ctx.maps.get(Kind.TAG, slug)
        if pk is None:
            _unknown_term(ctx, item, "tag", slug)
        else:
            tags.append(pk)
    if len(categories) > 1:
        tags.extend(tag_for_category(ctx, slug) for slug in categories[1:])
        others = ", ".join(categories[1:])
        ctx.report.warn(
            item.post_type,
            item.wp_id,
            item.title,
            f"Folio gives an article one category, “{categories[0]}”: "
            f"{others} became tags",
        )
    category = ctx.maps.get(Kind.CATEGORY, categories[0]) if categories else None
    return category, list(dict.fromkeys(tags))


def _unknown_term(ctx, item, kind, slug):
    ctx.report.warn(
        item.post_type,
        item.wp_id,
        item.title,
        f"the {kind} “{slug}” is not among the export's terms: left out",
    )


def _state(article: Article) -> tuple:
    """What an import sets, to tell an update from no change."""
    return (
        article.title,
        article.slug,
        article.summary,
        article.body_source,
        article.status,
        article.published_at,
        article.author_id,
        article.category_id,
        article.cover.name,
    )
