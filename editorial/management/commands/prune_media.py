"""`manage.py prune_media [--delete]`: remove uploaded files nothing references.

Replacing a cover or an avatar leaves the old file and its renditions in
storage; so does a library image deleted before this existed. A file under
the upload folders that no article cover, author avatar or library image
names (nor is one of their renditions) is listed, and with `--delete`
removed; so is a cover kept for the editor's preview (editorial/pending_covers.py)
once it is older than a day. A dry run by default.
"""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from accounts.models import Author
from blog.models import Article
from imaging.models import Image
from imaging.processing import rendition_name

from ...pending_covers import stale_names as stale_pending_covers

UPLOAD_FOLDERS = ("covers", "avatars", "images")


def referenced_names() -> set[str]:
    """Every stored name some row uses: its file and its renditions."""
    rows = [
        (Article.objects.exclude(cover=""), "cover", "cover_widths"),
        (Author.objects.exclude(avatar=""), "avatar", "avatar_widths"),
        (Image.objects.all(), "file", "file_widths"),
    ]
    names = set()
    for queryset, field, widths in rows:
        for name, sizes in queryset.values_list(field, widths).iterator():
            names.add(name)
            names.update(rendition_name(name, width) for width in sizes or [])
    return names


def stored_names(folder: str) -> list[str]:
    if not default_storage.exists(folder):
        return []
    folders, files = default_storage.listdir(folder)
    names = [f"{folder}/{name}" for name in files]
    for sub in folders:
        names += stored_names(f"{folder}/{sub}")
    return names


class Command(BaseCommand):
    help = "List (and with --delete remove) uploaded files nothing references."

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete", action="store_true", help="remove them (default: only list)"
        )

    def handle(self, *args, delete=False, **options):
        used = referenced_names()
        orphans = [
            name
            for folder in UPLOAD_FOLDERS
            for name in stored_names(folder)
            if name not in used
        ]
        orphans += stale_pending_covers()
        total = 0
        for name in orphans:
            total += default_storage.size(name)
            if delete:
                default_storage.delete(name)
            self.stdout.write(name)
        verb = "Removed" if delete else "Would remove (run with --delete)"
        self.stdout.write(f"{verb}: {len(orphans)} files, {total / 1048576:.1f} MB.")
