from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from core.backup import BackupError, media_folder, open_backup
from core.backup.database import name


class Command(BaseCommand):
    help = (
        "Replace the database and the media files with those of an archive "
        "written by `backup`. Stop the app servers and the task worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="an archive written by `backup`")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="the database to replace (default: %(default)s)",
        )

    def handle(self, *args, archive, interactive, database, **options):
        try:
            with open_backup(archive, using=database) as backup:
                self.describe(backup)
                if interactive and not self.confirmed(database):
                    raise CommandError("Nothing was restored.")
                notes = backup.restore()
        except BackupError as error:
            raise CommandError(error) from error
        media = (
            f" and {backup.media_files} media files" if backup.media_restored else ""
        )
        self.stdout.write(
            f"Restored the database{media} from {backup.path}; cached pages will "
            "be rendered anew.",
            self.style.SUCCESS,
        )
        for note in notes:
            self.stdout.write(note, self.style.WARNING)

    def describe(self, backup):
        manifest = backup.manifest
        snapshot = manifest["database"]
        self.stdout.write(
            f"{backup.path}: made {manifest.get('created_at', '?')} with Django "
            f"{manifest.get('django', '?')}, {name(snapshot['vendor'])} "
            f"{snapshot.get('server', '?')}, {backup.media_files} media files; "
            "checksums verified."
        )

    def confirmed(self, database) -> bool:
        media_root, _ = media_folder()
        question = (
            f"This replaces everything in the database "
            f"{connections[database].settings_dict['NAME']!r}"
            + (f" and in {media_root}" if media_root else "")
            + ". Type 'yes' to go on: "
        )
        try:
            return input(question).strip().lower() == "yes"
        except EOFError:  # no one to ask (cron): --no-input says so
            return False
