"""One import of one export, item by item, each in its own transaction.

The export is read twice, streaming both times, so that nothing but small
maps stays in memory: first its site, authors, terms and attachments (the
images), then its posts and pages with their comments, which then find
every image they name wherever it stood in the file. An item that fails is
rolled back, reported with its WordPress id and title, and the import goes
on; a file that cannot be read (`ExportError`) ends it, keeping what was
imported. A dry run does it all inside one transaction rolled back at the
end, stores no file, and reports the same.
"""

import logging
from functools import partial
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from .. import addresses
from ..media import UploadsRefused, open_uploads
from ..models import ImportRun
from ..records import Author, Item, Site, Term
from ..report import SKIPPED
from ..wxr import ExportError, read_export
from .articles import import_post
from .authors import author_for, import_author, user_for
from .context import Context, ItemSkipped, Kind
from .images import ImageLibrary, import_attachment
from .pages import import_page
from .terms import import_term

logger = logging.getLogger(__name__)


def run_import(
    run: ImportRun,
    *,
    export,
    media: Path | None = None,
    author_map: dict[str, str] | None = None,
    dry_run: bool = False,
    progress_every: int = 50,
) -> ImportRun:
    """Import `export` (a path, or a binary file that can seek: it is read
    twice) into Folio, keeping the report on `run`. Ends DONE, or FAILED
    with `run.error` when the export or the uploads cannot be read."""
    run.status, run.dry_run = ImportRun.Status.RUNNING, dry_run
    run.save(update_fields=["status", "dry_run"])
    ctx = None
    try:
        with open_uploads(media) as uploads:
            ctx = Context(
                run=run,
                uploads=uploads,
                has_media=media is not None,
                author_map=author_map or {},
                dry_run=dry_run,
            )
            if dry_run:
                with transaction.atomic():
                    _both_passes(ctx, export, progress_every)
                    transaction.set_rollback(True)
            else:
                _both_passes(ctx, export, progress_every)
            _notes(ctx)
    except (ExportError, UploadsRefused) as error:
        run.status, run.error = ImportRun.Status.FAILED, str(error)
    else:
        run.status = ImportRun.Status.DONE
    run.finished_at = timezone.now()
    fields = ["status", "error", "finished_at", "site"]
    if ctx is None:
        run.save(update_fields=fields)
    else:
        ctx.report.save_to(run, fields=fields)
    return run


def _both_passes(ctx: Context, export, progress_every: int) -> None:
    library = ImageLibrary(ctx)
    for images_pass in (True, False):
        if hasattr(export, "seek"):
            export.seek(0)
        for record in read_export(export):
            if isinstance(record, Site):
                if images_pass:
                    _start(ctx, record)
                continue
            if ctx.site is None:
                raise ExportError("The export names no site (its <channel> is empty).")
            if isinstance(record, Author | Term):
                if images_pass:
                    _import_one(ctx, record, partial(_channel, ctx, record))
            elif isinstance(record, Item):
                if (record.post_type == "attachment") == images_pass:
                    _import_one(ctx, record, partial(_item, ctx, record, library))
                    _progress(ctx, progress_every)


def _start(ctx: Context, site: Site) -> None:
    ctx.site = site
    ctx.run.site = (site.base_site_url or site.link).strip()[:255]
    if not ctx.dry_run:
        ctx.run.save(update_fields=["site"])
        addresses.remember_site_addresses(site)


def _channel(ctx: Context, record: Author | Term) -> None:
    if isinstance(record, Author):
        import_author(ctx, record)
    else:
        import_term(ctx, record)


def _item(ctx: Context, item: Item, library: ImageLibrary) -> None:
    if item.post_type == "post":
        import_post(ctx, item, library)
    elif item.post_type == "page":
        import_page(ctx, item, library)
    elif item.post_type == "attachment":
        import_attachment(ctx, item, library, _owner(ctx, item))
    else:
        ctx.report.count(item.post_type, SKIPPED)


def _owner(ctx: Context, item: Item) -> int:
    """Who an attachment's image belongs to: its author, or the editor who
    started the import when it names none."""
    if not item.creator and ctx.run.started_by_id:
        return ctx.run.started_by_id
    author = author_for(ctx, item.creator, title=item.title, wp_id=item.wp_id)
    return user_for(ctx, author)


def _import_one(ctx: Context, record, work) -> None:
    """Run `work` in its own transaction; on failure roll the record back,
    in the database, the maps and the report, and report it skipped."""
    kind, wp_id, title = _describe(record)
    before = ctx.report.snapshot()
    try:
        with transaction.atomic():
            work()
    except ItemSkipped as reason:
        message = str(reason)
    except Exception as error:  # bad data in one item must not end the import
        logger.exception("WordPress import: %s %s failed", kind, wp_id)
        message = f"not imported: {error}"
    else:
        ctx.maps.keep()
        return
    ctx.maps.undo()
    ctx.report.restore(before)
    ctx.report.count(kind, SKIPPED)
    ctx.report.warn(kind, wp_id, title, message)


def _describe(record) -> tuple[str, object, str]:
    if isinstance(record, Author):
        return Kind.AUTHOR, record.login, record.display_name
    if isinstance(record, Term):
        return record.kind, record.slug, record.name
    return record.post_type, record.wp_id, record.title


def _progress(ctx: Context, every: int) -> None:
    """Count the item; every `every` items save the report (a dry run's
    saves would be rolled back with the rest: it reports at the end)."""
    ctx.run.items_done += 1
    if not ctx.dry_run and every and ctx.run.items_done % every == 0:
        ctx.report.save_to(ctx.run)


def _notes(ctx: Context) -> None:
    """What is said once about the whole import."""
    if not ctx.has_media:
        left_out = ctx.report.counts.get(Kind.ATTACHMENT, {}).get(SKIPPED, 0)
        if left_out:
            ctx.report.note(
                f"No uploads folder or zip was given: {left_out} images left out."
            )
    for problem in ctx.uploads.problems:
        ctx.report.note(f"uploads: {problem}")
