"""`prune_media` removes the uploads nothing references, and only with --delete."""

from io import StringIO

import pytest
from django.core.management import call_command

from imaging.processing import rendition_name
from tests.factories import AuthorFactory
from tests.imaging.images import store_image_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def prune(*args):
    out = StringIO()
    call_command("prune_media", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def leftover(tmp_path):
    """An old cover and its rendition that no article names any more."""
    folder = tmp_path / "covers" / "ab"
    folder.mkdir(parents=True)
    (folder / "old.jpg").write_bytes(b"x" * 10)
    (folder / "old-320w.webp").write_bytes(b"x" * 10)
    return folder


def test_a_dry_run_lists_unreferenced_files_and_keeps_them(leftover):
    output = prune()
    assert "covers/ab/old.jpg" in output and "covers/ab/old-320w.webp" in output
    assert "Would remove (run with --delete): 2 files" in output
    assert (leftover / "old.jpg").exists()


def test_delete_removes_unreferenced_files(leftover):
    prune("--delete")
    assert not list(leftover.iterdir())


def test_files_a_library_image_uses_are_kept(tmp_path, leftover):
    image = store_image_for(AuthorFactory().user)
    prune("--delete")
    assert (tmp_path / image.file.name).exists()
    assert (tmp_path / rendition_name(image.file.name, image.file_widths[0])).exists()
