"""WordPress pages → Folio's site pages.

A published page is published; every other status keeps it hidden.
Whether it shows in the footer is the editors' choice (off at first); its
place there starts as WordPress's `menu_order`. A second run updates the
page's text and state and leaves those choices alone. Folio's pages take
no comments: a page's comments are counted as skipped.
"""

from blog.models import Page

from .. import addresses
from ..records import Item
from ..report import IMPORTED, SKIPPED, UNCHANGED, UPDATED
from .articles import body_source, free_slug, skip_status, title_of
from .authors import author_for, user_for
from .context import Context, Kind
from .images import ImageLibrary

STATUSES = {"publish", "future", "draft", "pending", "private"}
TITLE_LENGTH = Page._meta.get_field("title").max_length


def import_page(ctx: Context, item: Item, library: ImageLibrary) -> None:
    if skip_status(ctx, item, STATUSES):
        return
    author_pk = author_for(ctx, item.creator, title=item.title, wp_id=item.wp_id)
    page = ctx.imported(Kind.PAGE, item.wp_id, Page)
    before = _state(page) if page else None
    page = page or Page(show_in_footer=False, footer_position=item.menu_order)
    library.working_on(item, owner_id=user_for(ctx, author_pk))
    page.body_source = body_source(ctx, item, library)
    page.title = title_of(item, TITLE_LENGTH)
    page.slug = free_slug(ctx, item, page)
    page.published = item.status == "publish"
    if before is None:
        page.save()
        ctx.report.count(Kind.PAGE, IMPORTED)
    elif before != _state(page):
        page.save()
        ctx.report.count(Kind.PAGE, UPDATED)
    else:
        ctx.report.count(Kind.PAGE, UNCHANGED)
    ctx.record(Kind.PAGE, item.wp_id, page)
    if item.comments:
        ctx.report.count(Kind.COMMENT, SKIPPED, len(item.comments))
        ctx.report.warn(
            Kind.PAGE,
            item.wp_id,
            item.title,
            f"Folio's pages take no comments: its {len(item.comments)} left out",
        )
    if not ctx.dry_run:
        addresses.remember_item_addresses(ctx.site, item, page)


def _state(page: Page) -> tuple:
    return page.title, page.slug, page.body_source, page.published
