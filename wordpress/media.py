"""The old site's `wp-content/uploads`, as a folder or a zip, read by address.

`open_uploads(path)` gives an `Uploads`; `Uploads.read(url)` turns an old
address (`https://old.example/wp-content/uploads/2019/05/pic.jpg`) into the
bytes of `2019/05/pic.jpg` there, or None. Nothing is ever extracted to disk:
a zip's members are read in memory, each with a hard cap.

What is refused, and how:

- The whole source, at open time (`UploadsRefused`, with a message for the
  editor): a path that is neither a folder nor a zip; a damaged zip; a zip
  whose members declare more than `MAX_TOTAL_BYTES` in all or number more
  than `MAX_MEMBERS` (a zip bomb); a member named with `..`, an absolute
  path or a backslash, or two members of one name. No archiver writes these
  from a real folder, so the archive was crafted, and nothing in it is used.
- One file, when it is read (None, and a line in `Uploads.problems` for the
  report): a symlink member, or a symlink in a folder resolving outside it;
  an encrypted member; a file over `imaging.processing.MAX_BYTES`; a member
  compressed more than `MAX_RATIO` to one; a member whose data does not
  match its header. The rest of the source is still used.

A file that is simply absent is None with no problem: the importer says
which images were missing.
"""

import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.utils.translation import gettext as _

from imaging.processing import MAX_BYTES

UPLOADS = "/wp-content/uploads/"
ZIP_PREFIXES = ("wp-content/uploads/", "uploads/")  # else the zip's root
MAX_TOTAL_BYTES = 20 * 1024**3
MAX_MEMBERS = 500_000
MAX_RATIO = 100


class UploadsRefused(Exception):
    """The uploads folder or zip cannot be used at all; `message` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def uploads_path(url: str) -> PurePosixPath | None:
    """The file an old address names, relative to the uploads folder; None
    for an address outside the uploads or one that would climb out."""
    path = unquote(urlsplit(url.strip()).path)
    start = path.find(UPLOADS)
    if start < 0:
        return None
    return _relative(path[start + len(UPLOADS) :])


def _relative(name: str) -> PurePosixPath | None:
    if "\\" in name or "\0" in name:
        return None
    path = PurePosixPath(name)
    if not path.parts or path.is_absolute() or ".." in path.parts:
        return None
    return path


class Uploads:
    """No uploads at all: every read is None."""

    def __init__(self):
        self.problems: list[str] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self) -> None:
        pass

    def read(self, url: str) -> bytes | None:
        path = uploads_path(url)
        return None if path is None else self._read(path)

    def _read(self, path: PurePosixPath) -> bytes | None:
        return None

    def _refuse(self, path: PurePosixPath, reason: str) -> None:
        problem = f"{path}: {reason}"
        if problem not in self.problems:
            self.problems.append(problem)


class FolderUploads(Uploads):
    def __init__(self, root: Path):
        super().__init__()
        self.root = root.resolve()

    def _read(self, path):
        # resolve() follows every symlink on the way, so containment is
        # checked on where the file really is, and that is what is opened.
        try:
            real = (self.root / path).resolve()
            if not real.is_relative_to(self.root):
                self._refuse(path, _("a link to a file outside the uploads folder"))
                return None
            if not real.is_file():  # absent, a folder, a device or a pipe
                return None
            with real.open("rb") as file:
                data = file.read(MAX_BYTES + 1)
        except (OSError, RuntimeError) as error:  # unreadable, a link loop
            self._refuse(path, _("could not be read (%(error)s)") % {"error": error})
            return None
        if len(data) > MAX_BYTES:
            self._refuse(path, _too_large())
            return None
        return data


class ZipUploads(Uploads):
    def __init__(self, path: Path):
        super().__init__()
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise UploadsRefused(_("This zip file is damaged.")) from error
        try:
            self.members = _members(self.zip.infolist())
        except UploadsRefused:
            self.zip.close()
            raise

    def close(self):
        self.zip.close()

    def _read(self, path):
        info = self.members.get(str(path))
        if info is None:
            return None
        reason = _member_refusal(info)
        if reason:
            self._refuse(path, reason)
            return None
        try:
            with self.zip.open(info) as member:
                data = member.read(MAX_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
            self._refuse(path, _("damaged in the zip (%(error)s)") % {"error": error})
            return None
        except (NotImplementedError, RuntimeError):
            self._refuse(path, _("compressed in a way Folio cannot read"))
            return None
        if len(data) > MAX_BYTES:  # more data than its header said
            self._refuse(path, _too_large())
            return None
        return data


def _members(infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    """The zip's files by their path under the uploads folder, after
    refusing an archive that could only have been crafted."""
    if len(infos) > MAX_MEMBERS:
        raise UploadsRefused(
            _("This zip holds more than %(limit)s files.") % {"limit": MAX_MEMBERS}
        )
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise UploadsRefused(
            _("This zip would unpack to more than %(limit)s GB.")
            % {"limit": MAX_TOTAL_BYTES // 1024**3}
        )
    names = set()
    for info in infos:
        if _relative(info.filename) is None:
            raise UploadsRefused(
                _("This zip names a file outside itself (%(name)s); refused.")
                % {"name": info.filename[:200]}
            )
        if info.filename in names:
            raise UploadsRefused(
                _("This zip holds two files named %(name)s; refused.")
                % {"name": info.filename[:200]}
            )
        names.add(info.filename)
    prefix = next((p for p in ZIP_PREFIXES if any(n.startswith(p) for n in names)), "")
    return {
        str(_relative(info.filename.removeprefix(prefix))): info
        for info in infos
        if info.filename.startswith(prefix) and not info.is_dir()
    }


def _member_refusal(info: zipfile.ZipInfo) -> str | None:
    if stat.S_ISLNK(info.external_attr >> 16):
        return _("a symbolic link, not a file")
    if info.flag_bits & 0x1:
        return _("encrypted")
    if info.file_size > MAX_BYTES:
        return _too_large()
    if info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return _("compressed %(ratio)s to one, more than any image (a zip bomb?)") % {
            "ratio": info.file_size // max(info.compress_size, 1)
        }
    return None


def _too_large() -> str:
    return _("over the %(limit)s MB an image may be") % {"limit": MAX_BYTES // 1024**2}


def open_uploads(path: Path | None) -> Uploads:
    """The uploads at `path`: a folder, a zip (told by its content), or
    nothing at all for None. Raises UploadsRefused."""
    if path is None:
        return Uploads()
    path = Path(path)
    if path.is_dir():
        return FolderUploads(path)
    if not path.is_file():
        raise UploadsRefused(_("There is no folder or file at this path."))
    if not zipfile.is_zipfile(path):
        if _begins_like_a_zip(path):
            raise UploadsRefused(_("This zip file is damaged."))
        raise UploadsRefused(_("This is not a zip file of the uploads folder."))
    return ZipUploads(path)


def _begins_like_a_zip(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(4) == b"PK\x03\x04"
    except OSError:
        return False
