"""The archive: a gzipped tar, written atomically and read with suspicion.

Written to a temporary file (mode 0600: it holds password hashes and email
addresses) beside the target, renamed into place once complete and synced.

Read, it may hold only regular files and folders named `manifest.json`,
`database.sqlite3`, `database.pgdump` or under `media/`: links, devices,
absolute names and `..` are refused before anything is unpacked, and
tarfile's "data" filter stands behind that check. The manifest must list
every other file with its SHA-256, and nothing else.
"""

import hashlib
import io
import json
import os
import shutil
import stat
import tarfile
import tempfile
import time
import zlib
from pathlib import Path, PurePosixPath

from .errors import BackupError

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
SNAPSHOT_NAMES = ("database.sqlite3", "database.pgdump")
MANIFEST_MAX_BYTES = 64 * 1024 * 1024
CHUNK = 1024 * 1024
# What a damaged or truncated gzip or tar raises while it is read.
UNREADABLE = (tarfile.TarError, EOFError, OSError, zlib.error)


class _Hashing:
    """A file as tarfile reads it, hashing exactly the bytes archived."""

    def __init__(self, file):
        self._file = file
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self._file.read(size)
        self.digest.update(data)
        return data


def write(target: Path, snapshot: Path, media_root, manifest: dict, *, force: bool):
    """Write the snapshot, the media and `manifest` (completed here) to `target`."""
    fd, partial = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part"
    )
    try:
        with os.fdopen(fd, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                checksums = {snapshot.name: _add(tar, snapshot, snapshot.name)}
                if media_root is not None:
                    media = _add_media(tar, media_root, checksums)
                    manifest["media"].update(media)
                manifest["checksums"] = checksums
                data = json.dumps(manifest, indent=2).encode()
                info = _info(MANIFEST, len(data), 0o600, time.time())
                tar.addfile(info, io.BytesIO(data))
            raw.flush()
            os.fsync(raw.fileno())
        if target.exists() and not force:
            raise BackupError(f"{target} appeared meanwhile: pass --force to replace.")
        os.replace(partial, target)
    except BaseException as error:
        Path(partial).unlink(missing_ok=True)
        if isinstance(error, OSError):  # a full disk, an unreadable media file
            raise BackupError(f"The backup failed: {error}") from error
        raise


def _info(name: str, size: int, mode: int, mtime: float = 0) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, mode, int(mtime)
    return info


def _add(tar: tarfile.TarFile, path: Path, name: str, mode=0o600) -> str:
    """Archive the file at `path` as `name`; its SHA-256 as archived."""
    with path.open("rb") as file:
        status = os.fstat(file.fileno())
        reader = _Hashing(file)
        try:
            tar.addfile(_info(name, status.st_size, mode, status.st_mtime), reader)
        except OSError as error:
            if error.errno is not None:
                raise
            # tarfile's "unexpected end of data": the file shrank meanwhile.
            raise BackupError(
                f"{path} changed while it was archived: run the backup again."
            ) from error
    return reader.digest.hexdigest()


def _add_media(tar: tarfile.TarFile, root: Path, checksums: dict) -> dict:
    """Every regular file under `root`; links and anything else are left out."""
    files = size = 0
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        for name in sorted(names):
            path = Path(folder, name)
            try:
                status = path.lstat()
                if not stat.S_ISREG(status.st_mode):
                    continue
                member = f"{MEDIA}/{path.relative_to(root).as_posix()}"
                checksums[member] = _add(tar, path, member, mode=0o644)
            except FileNotFoundError:
                continue  # deleted since the folder was listed
            files += 1
            size += status.st_size
    return {"files": files, "bytes": size}


def unpack(path: Path, folder: Path, *, check) -> dict:
    """Check the archive at `path`, unpack it into `folder`; its manifest.

    `check(manifest)` may refuse it (with BackupError) before it is unpacked.
    """
    try:
        with tarfile.open(path, "r:*") as tar:
            members = tar.getmembers()  # reads the whole archive: catches truncation
            for member in members:
                _check_member(member)
            _refuse_duplicates(members)
            manifest = _read_manifest(tar)
            check(manifest)
            tar.extractall(folder, filter="data")
    except BackupError:
        raise
    except tarfile.FilterError as error:
        raise BackupError(f"The archive was refused: {error}.") from error
    except UNREADABLE as error:
        raise BackupError(
            f"{path} could not be read as a backup archive (truncated or "
            f"damaged?): {error}"
        ) from error
    _verify(folder, manifest)
    return manifest


KINDS = {
    tarfile.SYMTYPE: "a symbolic link",
    tarfile.LNKTYPE: "a hard link",
    tarfile.CHRTYPE: "a character device",
    tarfile.BLKTYPE: "a block device",
    tarfile.FIFOTYPE: "a named pipe",
}


def _check_member(member: tarfile.TarInfo) -> None:
    name = PurePosixPath(member.name)
    if not (member.isfile() or member.isdir()):
        why = KINDS.get(member.type, "neither a file nor a folder")
    elif name.is_absolute():
        why = "an absolute path"
    elif ".." in name.parts:
        why = "a path that leads out of the archive's folder"
    elif not name.parts:
        why = "an empty name"
    elif str(name) in (MANIFEST, *SNAPSHOT_NAMES) and member.isfile():
        return
    elif name.parts[0] == MEDIA:
        return
    else:
        why = "not part of a Folio backup"
    raise BackupError(
        f"The archive holds {member.name!r}, {why}: it was refused and "
        "nothing was restored."
    )


def _refuse_duplicates(members) -> None:
    seen = set()
    for member in members:
        name = str(PurePosixPath(member.name))
        if name in seen:
            raise BackupError(f"The archive holds {name!r} twice: it was refused.")
        seen.add(name)


def _read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember(MANIFEST)
    except KeyError:
        raise BackupError("The archive has no manifest.json: not a backup.") from None
    if member.size > MANIFEST_MAX_BYTES:
        raise BackupError("The archive's manifest.json is too large.")
    not_a_manifest = BackupError("The archive's manifest.json is not a manifest.")
    try:
        manifest = json.loads(tar.extractfile(member).read())
        form = manifest.get("format")
    except (ValueError, AttributeError, RecursionError):
        raise not_a_manifest from None
    if form != FORMAT:
        raise BackupError(
            f"This archive is in backup format {form!r}; this code reads "
            f"format {FORMAT}."
        )
    try:
        sound = (
            isinstance(manifest["database"]["vendor"], str)
            and manifest["database"]["snapshot"] in SNAPSHOT_NAMES
            and isinstance(manifest["media"]["included"], bool)
            and all(isinstance(v, str) for v in manifest["checksums"].values())
        )
    except (KeyError, TypeError, AttributeError):
        sound = False
    if not sound:
        raise not_a_manifest
    return manifest


def _verify(folder: Path, manifest: dict) -> None:
    """Every file the manifest lists is there, intact, and there is no other."""
    expected = manifest["checksums"]
    found = {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    } - {MANIFEST}
    for names, what in [
        (expected.keys() - found, "lacks files its manifest lists"),
        (found - expected.keys(), "holds files its manifest does not list"),
    ]:
        if names:
            raise BackupError(f"The archive {what}, such as {min(names)!r}.")
    if manifest["database"]["snapshot"] not in found:
        raise BackupError("The archive holds no database snapshot.")
    for name in sorted(found):
        if _sha256(folder / name) != expected[name]:
            raise BackupError(
                f"{name} does not match its checksum: the archive is damaged."
            )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def swap_folder(new: Path, live: Path) -> None:
    """Put the folder `new` where `live` is, by two renames when they can be."""
    new.mkdir(exist_ok=True)  # an archive without media files
    if live.exists():
        shutil.copymode(live, new)
        _own_like(new, live)
        try:
            live.rename(new.with_name(f"{new.name}-replaced"))
        except OSError:  # a mount point, say: swap what it holds instead
            for child in live.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
            for child in new.iterdir():
                shutil.move(child, live / child.name)
            return
    new.rename(live)


def _own_like(tree: Path, model: Path) -> None:
    """Give `tree` the owner of `model`: media restored by root stay writable
    by the user the site runs as."""
    owner = model.stat()
    if os.geteuid() != 0 or (owner.st_uid, owner.st_gid) == (0, 0):
        return
    for folder, _, names in os.walk(tree):
        for path in [folder, *(os.path.join(folder, name) for name in names)]:
            os.lchown(path, owner.st_uid, owner.st_gid)
