"""Which release of Folio this process runs: a digest of its code, templates,
pinned requirements and static files' names.

Cached pages and fragments are kept under it (core/pagecache.py), so a new
release renders every page anew at once (a new template is seen at once,
and no process reads a value kept in another release's format), while the
generation, which changes with the data, stays shared by every release that
runs during a deploy. Two servers with the same files agree on it, whatever
their checkouts' dates.
"""

import functools
import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings

SOURCE_SUFFIXES = frozenset({".py", ".html", ".txt", ".xml", ".json"})


@functools.cache
def release() -> str:
    base = Path(settings.BASE_DIR)
    digest = hashlib.blake2b(digest_size=8)
    for folder in sorted(_code_folders(base)):
        for path in sorted(folder.rglob("*")):
            if path.suffix in SOURCE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    extras = [base / "requirements.txt"]
    if settings.STATIC_ROOT:
        extras.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
    for path in extras:
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _code_folders(base: Path) -> set[Path]:
    """Our apps, the settings and the template folders (installed packages
    are named, with their versions, in requirements.txt)."""
    folders = {Path(app.path) for app in apps.get_app_configs()}
    folders |= {
        Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]
    }
    folders.add(base / "config")
    return {
        folder
        for folder in folders
        if folder.is_relative_to(base) and "site-packages" not in folder.parts
    }
