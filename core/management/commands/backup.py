from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from core.backup import BackupError, create_backup
from core.backup.database import name


class Command(BaseCommand):
    help = (
        "Write one archive (.tar.gz) with a consistent snapshot of the database "
        "and the media files; `restore` brings it back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=".",
            help="the archive to write, or a folder to write "
            "folio-backup-<UTC time>.tar.gz into (default: this folder)",
        )
        parser.add_argument(
            "--force", action="store_true", help="replace an existing archive"
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="the database to back up (default: %(default)s)",
        )

    def handle(self, *args, path, force, database, **options):
        target = Path(path)
        if target.is_dir():
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            target = target / f"folio-backup-{stamp}.tar.gz"
        try:
            manifest = create_backup(target, force=force, using=database)
        except BackupError as error:
            raise CommandError(error) from error
        self.stdout.write(
            f"Wrote {target} ({filesizeformat(target.stat().st_size)}):",
            self.style.SUCCESS,
        )
        snapshot = manifest["database"]
        self.stdout.write(
            f"  database: {name(snapshot['vendor'])} {snapshot['server']}, "
            f"snapshot {snapshot['snapshot']}"
        )
        media = manifest["media"]
        if media["included"]:
            self.stdout.write(
                f"  media: {media['files']} files ({filesizeformat(media['bytes'])})"
            )
        else:
            self.stdout.write(
                f"  media: NOT INCLUDED, {media['reason']}", self.style.WARNING
            )
