"""Backups: one archive with a consistent database snapshot and the media files.

`create_backup()` writes a gzipped tar holding

    database.sqlite3   SQLite: a copy made with the online backup API
    database.pgdump    PostgreSQL: `pg_dump --format=custom`
    media/…            every regular file under the default storage's folder
    manifest.json      format, versions, vendor, time, counts, checksums (last)

to a temporary file beside the target, renamed into place when complete.
The snapshot is taken first, then the media (files are never changed in
place): a file uploaded meanwhile may be in the archive without its row, and
only a file deleted in those seconds can be missing while its row is there.
Media are left out, and the manifest says why, when the default storage is
not the filesystem.

`open_backup()` checks an archive completely before anything is touched
(database.py restores, archive.py reads); `Backup.restore()` then replaces
the configured database and the media folder and ends the page cache's
generation. Every failure is a `BackupError` with a sentence for the
operator.
"""

import platform
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.core.files.storage import FileSystemStorage, storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from .. import pagecache
from . import archive, database
from .errors import BackupError

__all__ = ["Backup", "BackupError", "create_backup", "open_backup"]


def create_backup(target: Path, *, force=False, using=DEFAULT_DB_ALIAS) -> dict:
    """Write a backup of the database `using` and the media to `target`.

    Returns the manifest written into it.
    """
    target = Path(target)
    if target.exists() and not force:
        raise BackupError(f"{target} already exists: pass --force to replace it.")
    if not target.parent.is_dir():
        raise BackupError(f"There is no folder {target.parent} to write into.")
    media_root, media_reason = media_folder()
    if media_root and target.resolve().is_relative_to(media_root.resolve()):
        raise BackupError(
            "Write the backup outside the media folder: it would be in itself, "
            "and the web server would hand it to anyone who asks."
        )
    connection = connections[using]
    # Beside the archive: where there is room for it (and so for the snapshot).
    with tempfile.TemporaryDirectory(prefix=".folio-", dir=target.parent) as work:
        snapshot = database.snapshot(connection, Path(work))
        manifest = {
            "format": archive.FORMAT,
            "created_at": timezone.now().isoformat(timespec="seconds"),
            "folio": {"migrations": latest_migrations(connection)},
            "django": django.get_version(),
            "python": platform.python_version(),
            "database": {
                "vendor": connection.vendor,
                "server": database.server_version(connection),
                "snapshot": snapshot.name,
            },
            "media": (
                {"included": True}
                if media_root
                else {"included": False, "reason": media_reason}
            ),
        }
        archive.write(target, snapshot, media_root, manifest, force=force)
    return manifest


def media_folder() -> tuple[Path | None, str]:
    """The default storage's folder, or None and why its files are left out."""
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        return Path(storage.location), ""
    name = f"{type(storage).__module__}.{type(storage).__qualname__}"
    return None, (
        f"the default storage is {name}, not the filesystem: "
        "back up its files with that service's own tools"
    )


def latest_migrations(connection) -> dict[str, str]:
    """The last migration applied of each app: the schema the snapshot has."""
    latest = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        latest[app] = name
    return latest


def pending_migrations(connection) -> int:
    """How many of this code's migrations the database has not had."""
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


@dataclass
class Backup:
    """A checked archive, unpacked in `folder`: ready to restore."""

    path: Path
    folder: Path
    manifest: dict
    using: str = DEFAULT_DB_ALIAS
    notes: list[str] = field(default_factory=list)
    media_restored: bool = False

    @property
    def media_files(self) -> int:
        return self.manifest["media"].get("files", 0)

    def restore(self) -> list[str]:
        """Replace the database and the media folder with the archive's.

        Returns notes for the operator (media left alone, migrations to run).
        """
        connection = connections[self.using]
        database.restore(
            connection, self.folder / self.manifest["database"]["snapshot"]
        )
        pagecache.pages_changed()
        self._restore_media()
        pending = pending_migrations(connection)
        if pending:
            self.notes.append(
                f"The restored database lacks {pending} of this code's migrations: "
                "run `manage.py migrate`."
            )
        return self.notes

    def _restore_media(self) -> None:
        if not self.manifest["media"]["included"]:
            self.notes.append(
                "The archive holds no media files "
                f"({self.manifest['media'].get('reason')}): the media were left alone."
            )
            return
        media_root, reason = media_folder()
        if media_root is None:
            self.notes.append(f"The media were not restored: {reason}.")
            return
        try:
            archive.swap_folder(self.folder / archive.MEDIA, media_root)
        except OSError as error:
            raise BackupError(
                "The database was restored but the media folder could not be "
                f"replaced ({error}): make it writable and restore again."
            ) from error
        self.media_restored = True


@contextmanager
def open_backup(path: Path, *, using=DEFAULT_DB_ALIAS):
    """The archive at `path`, checked and unpacked: yields a `Backup`.

    Refused, before anything is touched: an archive that cannot be read
    whole, holds anything but regular files and folders under the expected
    names, fails a checksum, or comes from another kind of database.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}.")
    vendor = connections[using].vendor
    media_root, _ = media_folder()
    # Unpacked beside the media folder, so that swapping it in is a rename.
    near = media_root.parent if media_root else None
    try:
        if near:
            near.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".folio-restore-", dir=near))
    except OSError as error:
        raise BackupError(f"No room to unpack the archive: {error}") from error
    try:
        manifest = archive.unpack(path, work, check=_checker(vendor))
        yield Backup(path=path, folder=work, manifest=manifest, using=using)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _checker(vendor: str):
    def check(manifest: dict) -> None:
        theirs = manifest["database"]["vendor"]
        if theirs != vendor:
            raise BackupError(
                f"This is a backup of a {database.name(theirs)} database and this "
                f"site runs on {database.name(vendor)}: restore it on a site with "
                "the same kind of database."
            )

    return check
