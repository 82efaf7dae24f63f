"""The admin's import, run by a background task (Django's tasks framework).

The admin stores the uploaded files on an `ImportRun` and calls
`start_import()`; the worker runs `import_export()` with the run's id and
keeps the report on the run, which the progress page reads. Whatever
happens, the run ends DONE or FAILED with its error, and the uploaded files
are deleted: an export holds commenters' emails and IP addresses.
"""

import logging
from pathlib import Path

from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ImportRun

logger = logging.getLogger(__name__)


def start_import(run: ImportRun) -> None:
    """Queue the import of a QUEUED run once its files are committed; a
    queue that is down fails the run, with a message, rather than leaving
    it queued for ever."""
    transaction.on_commit(lambda: _enqueue(run.pk))


def _enqueue(run_id: int) -> None:
    try:
        import_export.enqueue(run_id)
    except Exception:
        logger.exception("Could not queue WordPress import %s", run_id)
        run = ImportRun.objects.filter(pk=run_id).first()
        if run is not None and run.status == ImportRun.Status.QUEUED:
            _fail(run, _("The import could not be queued; try again later."))
            delete_files(run)


@task
def import_export(run_id: int) -> str | None:
    """Run a queued import to its end. Returns its status; None when the
    run is gone or was already started (a task delivered twice)."""
    started = ImportRun.objects.filter(
        pk=run_id, status=ImportRun.Status.QUEUED
    ).update(status=ImportRun.Status.RUNNING)
    if not started:
        return None
    run = ImportRun.objects.get(pk=run_id)
    try:
        # Imported here: the admin imports this module, and need not load
        # the whole importer to show a form.
        from .importer import run_import

        media = Path(run.media_file.path) if run.media_file else None
        run_import(
            run,
            export=Path(run.export_file.path),
            media=media,
            author_map=run.author_map,
            dry_run=run.dry_run,
        )
    except Exception as error:
        logger.exception("WordPress import %s failed", run_id)
        _fail(
            run,
            _("The import stopped on an unexpected error: %(error)s")
            % {"error": f"{type(error).__name__}: {error}"[:500]},
        )
    finally:
        delete_files(run)
    return run.status


def _fail(run: ImportRun, message: str) -> None:
    run.status, run.error, run.finished_at = (
        ImportRun.Status.FAILED,
        message,
        timezone.now(),
    )
    run.save(update_fields=["status", "error", "finished_at"])


def delete_files(run: ImportRun, *, save: bool = True) -> None:
    """Delete the run's stored export and uploads zip, keeping its report."""
    for stored in (run.export_file, run.media_file):
        if stored:
            stored.delete(save=False)
    if save:
        run.save(update_fields=["export_file", "media_file"])
