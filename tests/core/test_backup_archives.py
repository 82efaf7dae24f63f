"""`manage.py restore` refuses a hostile, damaged or foreign archive, touching nothing.

The archives are forged here. Only a snapshot that is not a database needs
the database to be refused; every other refusal comes before it is opened,
and these tests would fail if it did not.
"""

import hashlib
import json
import tarfile
from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import User
from tests.factories import UserFactory


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "site" / "media"
    settings.MEDIA_ROOT.mkdir(parents=True)
    (settings.MEDIA_ROOT / "kept.png").write_bytes(b"the site's own file")
    return settings.MEDIA_ROOT


@pytest.fixture
def archive(tmp_path):
    return tmp_path / "backup.tar.gz"


def member(name, data=b"", kind=tarfile.REGTYPE, linkname=""):
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.size = kind, linkname, len(data)
    return info, data


def snapshot_name(vendor):
    return {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[vendor]


def forge(path, *extra, vendor=None, checksums=None, manifest=None):
    """An archive like `backup` writes, with `extra` members and overrides."""
    vendor = vendor or connection.vendor
    files = {snapshot_name(vendor): b"a snapshot", "media/a.png": b"a picture"}
    listed = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    content = {
        "format": 1,
        "created_at": "2026-11-30T12:00:00+00:00",
        "django": "6.1",
        "database": {
            "vendor": vendor,
            "server": "1",
            "snapshot": snapshot_name(vendor),
        },
        "media": {"included": True, "files": 1, "bytes": 9},
        "checksums": {**listed, **(checksums or {})},
        **(manifest or {}),
    }
    with tarfile.open(path, "w:gz") as tar:
        members = [member(name, data) for name, data in files.items()]
        for info, data in [*members, *extra]:
            tar.addfile(info, BytesIO(data) if info.isfile() else None)
        info, data = member("manifest.json", json.dumps(content).encode())
        tar.addfile(info, BytesIO(data))
    return path


def restore(archive):
    call_command("restore", str(archive), interactive=False, stdout=StringIO())


def untouched(media):
    """The media folder as it was, and no unpacked leftovers beside it."""
    return [p.name for p in media.iterdir()] == ["kept.png"] and [
        p.name for p in media.parent.iterdir()
    ] == ["media"]


def test_restore_refuses_an_archive_from_the_other_kind_of_database(media, archive):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    forge(archive, vendor=other)
    with pytest.raises(CommandError, match="same kind of database"):
        restore(archive)
    assert untouched(media)


@pytest.mark.parametrize(
    "name",
    ["../escaped.txt", "/tmp/escaped.txt", "media/../../escaped.txt"],
    ids=["parent", "absolute", "media-then-parent"],
)
def test_restore_refuses_a_member_whose_path_leads_out_of_the_archive(
    media, archive, name
):
    forge(archive, member(name, b"planted"))
    with pytest.raises(CommandError, match="refused"):
        restore(archive)
    assert not (archive.parent / "escaped.txt").exists()
    assert untouched(media)


@pytest.mark.parametrize(
    "kind, linkname",
    [
        (tarfile.SYMTYPE, "/etc/passwd"),
        (tarfile.SYMTYPE, "a.png"),
        (tarfile.LNKTYPE, "media/a.png"),
        (tarfile.CHRTYPE, ""),
        (tarfile.BLKTYPE, ""),
        (tarfile.FIFOTYPE, ""),
    ],
    ids=["symlink-out", "symlink-in", "hard-link", "char-device", "block", "fifo"],
)
def test_restore_refuses_links_and_device_files(media, archive, kind, linkname):
    forge(archive, member("media/b.png", kind=kind, linkname=linkname))
    with pytest.raises(CommandError, match="'media/b.png', a .*: it was refused"):
        restore(archive)
    assert untouched(media)


def test_restore_refuses_a_member_that_is_not_part_of_a_backup(media, archive):
    forge(archive, member("settings.py", b"DEBUG = True"))
    with pytest.raises(CommandError, match="not part of a Folio backup"):
        restore(archive)


def test_restore_refuses_a_member_given_twice(media, archive):
    forge(archive, member("./media/a.png", b"a picture"))
    with pytest.raises(CommandError, match="twice"):
        restore(archive)


def test_restore_refuses_a_truncated_archive(media, archive):
    forge(archive, member("media/big.bin", bytes(range(256)) * 4000))
    whole = archive.read_bytes()
    archive.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(CommandError, match="could not be read"):
        restore(archive)
    assert untouched(media)


def test_restore_refuses_a_file_that_is_not_an_archive(media, archive):
    archive.write_bytes(b"\x1f\x8b" + b"not gzip at all" * 100)
    with pytest.raises(CommandError, match="could not be read"):
        restore(archive)


def test_restore_refuses_a_file_that_fails_its_checksum(media, archive):
    forge(archive, checksums={"media/a.png": hashlib.sha256(b"other").hexdigest()})
    with pytest.raises(CommandError, match="media/a.png does not match its checksum"):
        restore(archive)
    assert untouched(media)


def test_restore_refuses_a_file_the_manifest_does_not_list(media, archive):
    forge(archive, member("media/planted.html", b"<script>"))
    with pytest.raises(CommandError, match="does not list, such as 'media/planted"):
        restore(archive)


def test_restore_refuses_an_archive_missing_a_file_its_manifest_lists(media, archive):
    forge(archive, checksums={"media/gone.png": "0" * 64})
    with pytest.raises(CommandError, match="lacks files .* 'media/gone.png'"):
        restore(archive)


def test_restore_refuses_an_archive_without_a_manifest(media, archive):
    with tarfile.open(archive, "w:gz") as tar:
        info, data = member("media/a.png", b"a picture")
        tar.addfile(info, BytesIO(data))
    with pytest.raises(CommandError, match="no manifest.json"):
        restore(archive)


def test_restore_refuses_a_manifest_that_is_not_one(media, archive):
    forge(archive, manifest={"checksums": ["not", "a", "mapping"]})
    with pytest.raises(CommandError, match="is not a manifest"):
        restore(archive)


def test_restore_refuses_a_backup_format_it_does_not_know(media, archive):
    forge(archive, manifest={"format": 2})
    with pytest.raises(CommandError, match="backup format 2"):
        restore(archive)


@pytest.mark.django_db(transaction=True)
def test_a_snapshot_that_is_not_a_database_is_refused_and_changes_nothing(
    media, archive
):
    UserFactory(username="still-here")
    forge(archive)  # its snapshot is a few bytes of text, checksum and all
    with pytest.raises(CommandError, match="could not be restored|pg_restore failed"):
        restore(archive)
    assert User.objects.filter(username="still-here").exists()
    assert untouched(media)


def test_restore_refuses_a_path_where_there_is_no_archive(media, archive):
    with pytest.raises(CommandError, match="There is no backup file"):
        restore(archive)


def test_restore_asks_first_and_restores_nothing_unless_told_yes(
    media, archive, monkeypatch
):
    forge(archive)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore", str(archive), stdout=StringIO())
    assert untouched(media)
