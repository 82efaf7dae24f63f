"""`manage.py import_wordpress EXPORT.xml [--media DIR_OR_ZIP] [--dry-run]
[--author-map CSV]`: import a WordPress export and print its report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wordpress.importer import read_author_map, run_import
from wordpress.models import ImportRun
from wordpress.report import format_report


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export) with its authors, posts, "
        "pages, images, comments and old addresses. Running it again updates "
        "what it imported and duplicates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="the export file (WXR)")
        parser.add_argument(
            "--media",
            type=Path,
            help="the old site's wp-content/uploads, as a folder or a zip",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="import nothing; print the report an import would give",
        )
        parser.add_argument(
            "--author-map",
            type=Path,
            help="a CSV of wordpress_login,folio_user (a username or email)",
        )

    def handle(self, *args, export, media, dry_run, author_map, **options):
        if not export.is_file():
            raise CommandError(f"There is no export file at {export}.")
        if media is not None and not media.exists():
            raise CommandError(f"There is no uploads folder or zip at {media}.")
        mapping = self._author_map(author_map) if author_map else {}
        run = ImportRun.objects.create(source_name=export.name, dry_run=dry_run)
        run = run_import(
            run, export=export, media=media, author_map=mapping, dry_run=dry_run
        )
        self.stdout.write(format_report(run))
        if run.status == ImportRun.Status.FAILED:
            raise CommandError(run.error)

    def _author_map(self, path: Path) -> dict[str, str]:
        try:
            with path.open(encoding="utf-8", newline="") as lines:
                return read_author_map(lines)
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or "it is not UTF-8 text"
            raise CommandError(
                f"Cannot read the author map {path}: {reason}."
            ) from None
        except ValueError as error:
            raise CommandError(
                f"The author map {path} is not usable: {error}."
            ) from None
