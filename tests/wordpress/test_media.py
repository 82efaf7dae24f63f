"""The uploads source reads old addresses from a folder or a zip, and refuses
hostile archives whole, or hostile files one by one, without a traceback."""

import struct
import warnings
import zipfile

import pytest

from imaging.processing import MAX_BYTES
from wordpress.media import MAX_TOTAL_BYTES, UploadsRefused, open_uploads

PIC = "https://old.example/wp-content/uploads/2019/05/pic.jpg"
PIXELS = b"\xff\xd8 not really a jpeg \xff\xd9"


def make_zip(path, members, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def forge_central_directory(path, offset, fmt, value):
    """Overwrite one field of every central directory entry, as a crafted
    archive would: zipfile trusts these headers when it opens the zip."""
    data = bytearray(path.read_bytes())
    start = data.find(b"PK\x01\x02")
    while start >= 0:
        struct.pack_into(fmt, data, start + offset, value)
        start = data.find(b"PK\x01\x02", start + 1)
    path.write_bytes(bytes(data))


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "uploads"
    (root / "2019" / "05").mkdir(parents=True)
    (root / "2019" / "05" / "pic.jpg").write_bytes(PIXELS)
    return root


def test_a_folder_gives_the_file_an_old_address_names(folder):
    with open_uploads(folder) as uploads:
        assert uploads.read(PIC) == PIXELS


def test_an_address_with_escaped_characters_names_its_file(folder):
    (folder / "2019" / "05" / "café 1.jpg").write_bytes(PIXELS)
    url = "https://old.example/wp-content/uploads/2019/05/caf%C3%A9%201.jpg"
    with open_uploads(folder) as uploads:
        assert uploads.read(url) == PIXELS


def test_a_missing_file_is_none_and_no_problem(folder):
    with open_uploads(folder) as uploads:
        assert uploads.read(PIC.replace("pic", "gone")) is None
        assert uploads.problems == []


def test_an_address_outside_the_uploads_is_none(folder):
    with open_uploads(folder) as uploads:
        assert uploads.read("https://old.example/2019/05/pic.jpg") is None


def test_an_address_climbing_out_of_the_uploads_is_none(tmp_path, folder):
    (tmp_path / "secret.txt").write_text("password")
    url = "https://old.example/wp-content/uploads/../secret.txt"
    with open_uploads(folder) as uploads:
        assert uploads.read(url) is None


def test_no_uploads_reads_nothing():
    with open_uploads(None) as uploads:
        assert uploads.read(PIC) is None


def test_a_folder_link_pointing_outside_it_is_refused_and_reported(tmp_path, folder):
    (tmp_path / "secret.txt").write_text("password")
    (folder / "2019" / "05" / "pic.jpg").unlink()
    (folder / "2019" / "05" / "pic.jpg").symlink_to(tmp_path / "secret.txt")
    with open_uploads(folder) as uploads:
        assert uploads.read(PIC) is None
        assert uploads.problems == [
            "2019/05/pic.jpg: a link to a file outside the uploads folder"
        ]


def test_a_folder_link_pointing_inside_it_is_read(folder):
    (folder / "latest.jpg").symlink_to(folder / "2019" / "05" / "pic.jpg")
    with open_uploads(folder) as uploads:
        assert uploads.read("/wp-content/uploads/latest.jpg") == PIXELS


def test_a_folder_file_over_the_image_limit_is_refused(folder):
    (folder / "big.jpg").write_bytes(b"\0" * (MAX_BYTES + 1))
    with open_uploads(folder) as uploads:
        assert uploads.read("/wp-content/uploads/big.jpg") is None
        assert "big.jpg: over the 10 MB an image may be" in uploads.problems


@pytest.mark.parametrize("prefix", ["wp-content/uploads/", "uploads/", ""])
def test_a_zip_gives_the_file_whatever_folder_it_was_made_from(tmp_path, prefix):
    archive = make_zip(tmp_path / "u.zip", {f"{prefix}2019/05/pic.jpg": PIXELS})
    with open_uploads(archive) as uploads:
        assert uploads.read(PIC) == PIXELS


def test_a_zip_without_the_file_gives_none(tmp_path):
    archive = make_zip(tmp_path / "u.zip", {"2019/05/other.jpg": PIXELS})
    with open_uploads(archive) as uploads:
        assert uploads.read(PIC) is None
        assert uploads.problems == []


def test_a_zip_is_told_by_its_content_not_its_name(tmp_path):
    archive = make_zip(tmp_path / "uploads.bin", {"2019/05/pic.jpg": PIXELS})
    with open_uploads(archive) as uploads:
        assert uploads.read(PIC) == PIXELS


@pytest.mark.parametrize("name", ["../../etc/cron.d/x", "/etc/passwd", "a\\..\\b"])
def test_a_zip_naming_a_file_outside_itself_is_refused(tmp_path, name):
    archive = make_zip(tmp_path / "u.zip", {"2019/05/pic.jpg": PIXELS, name: b"x"})
    with pytest.raises(UploadsRefused, match="names a file outside itself"):
        open_uploads(archive)


def test_a_zip_with_two_files_of_one_name_is_refused(tmp_path):
    archive = make_zip(tmp_path / "u.zip", {"2019/05/pic.jpg": PIXELS})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate
        with zipfile.ZipFile(archive, "a") as appending:
            appending.writestr("2019/05/pic.jpg", b"other")
    with pytest.raises(UploadsRefused, match="two files named"):
        open_uploads(archive)


def test_a_symlink_member_is_refused_and_reported(tmp_path):
    link = zipfile.ZipInfo("2019/05/pic.jpg")
    link.external_attr = (0o120777 << 16) | 0  # S_IFLNK
    archive = tmp_path / "u.zip"
    with zipfile.ZipFile(archive, "w") as writing:
        writing.writestr(link, "/etc/passwd")
    with open_uploads(archive) as uploads:
        assert uploads.read(PIC) is None
        assert uploads.problems == ["2019/05/pic.jpg: a symbolic link, not a file"]


def test_a_member_compressed_absurdly_well_is_refused(tmp_path):
    zeros = b"\0" * (2 * 1024 * 1024)  # deflates about a thousand to one
    archive = make_zip(tmp_path / "u.zip", {"2019/05/pic.jpg": zeros})
    with open_uploads(archive) as uploads:
        assert uploads.read(PIC) is None
        assert "a zip bomb?" in uploads.problems[0]


def test_a_member_over_the_image_limit_is_refused(tmp_path):
    big = b"\0" * (MAX_BYTES + 1)
    archive = make_zip(tmp_path / "u.zip", {"2019/05/pic.jpg": big}, zipfile.ZIP_STORED)
    with open_uploads(archive) as uploads:
        assert uploads.read(PIC) is None
        assert uploads.problems == ["2019/05/pic.jpg: over the 10 MB an image may be"]


def test_a_zip_declaring_more_than_the_total_limit_is_refused(tmp_path):
    members = {f"2019/05/{n}.jpg": PIXELS for n in range(6)}
    archive = make_zip(tmp_path / "u.zip", members, zipfile.ZIP_STORED)
    forge_central_directory(archive, 24, "<I", 0xF000_0000)  # 3.75 GB each
    assert 6 * 0xF000_0000 > MAX_TOTAL_BYTES
    with pytest.raises(UploadsRefused, match="would unpack to more than 20 GB"):
        open_uploads(archive)


def test_a_member_whose_header_understates_its_size_is_read_no_further(tmp_path):
    archive = make_zip(tmp_path / "u.zip", {"2019/05/pic.jpg": PIXELS * 100})
    forge_central_directory(archive, 24, "<I", 10)  # the uncompressed size
    with open_uploads(archive) as uploads:
        assert uploads.read(PIC) is None
        assert uploads.problems[0].startswith("2019/05/pic.jpg: damaged in the zip")


def test_an_encrypted_member_is_refused_and_reported(tmp_path):
    archive = make_zip(tmp_path / "u.zip", {"2019/05/pic.jpg": PIXELS})
    forge_central_directory(archive, 8, "<H", 0x1)  # the "encrypted" flag
    with open_uploads(archive) as uploads:
        assert uploads.read(PIC) is None
        assert uploads.problems == ["2019/05/pic.jpg: encrypted"]


def test_a_zip_with_a_damaged_directory_is_refused(tmp_path):
    archive = make_zip(tmp_path / "u.zip", {"2019/05/pic.jpg": PIXELS})
    archive.write_bytes(archive.read_bytes().replace(b"PK\x01\x02", b"XX\x01\x02"))
    with pytest.raises(UploadsRefused, match="This zip file is damaged"):
        open_uploads(archive)


def test_a_truncated_zip_is_refused_as_damaged(tmp_path):
    archive = make_zip(tmp_path / "u.zip", {"2019/05/pic.jpg": PIXELS})
    archive.write_bytes(archive.read_bytes()[:40])
    with pytest.raises(UploadsRefused, match="This zip file is damaged"):
        open_uploads(archive)


def test_a_file_that_is_no_zip_is_refused(tmp_path):
    export = tmp_path / "export.xml"
    export.write_text("<rss/>")
    with pytest.raises(UploadsRefused, match="not a zip file"):
        open_uploads(export)


def test_a_path_with_nothing_there_is_refused(tmp_path):
    with pytest.raises(UploadsRefused, match="no folder or file"):
        open_uploads(tmp_path / "nowhere.zip")
