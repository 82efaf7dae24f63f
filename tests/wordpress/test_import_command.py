"""`manage.py import_wordpress`, end to end: an export written as WordPress
writes it, read by the WXR reader, imported, its report printed."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from blog.models import Article
from comments.models import Comment
from tests.factories import UserFactory
from wordpress.models import ImportRun

from .conftest import attachment, comment, image_bytes, post
from .wxr_builder import wxr_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def export(tmp_path, site, alice, bob):
    thread = [comment(1), comment(2, 1), comment(3, 2), comment(4, 3)]
    items = [
        post(1, comments=thread, meta={"_thumbnail_id": "10"}),
        post(2, creator="bob", status="pending"),
        attachment(10, "2020/05/photo.jpg"),
    ]
    path = tmp_path / "old-blog.xml"
    path.write_bytes(wxr_bytes(site, [alice, bob], [], items))
    return path


def import_wordpress(*args):
    out = StringIO()
    call_command("import_wordpress", *map(str, args), stdout=out)
    return out.getvalue()


def test_the_command_imports_an_export_and_prints_its_report(export, uploads):
    uploads.add("2020/05/photo.jpg", image_bytes())
    output = import_wordpress(export, "--media", uploads.path)
    assert "old-blog.xml: Done" in output
    assert "  post: 2 imported" in output
    assert Article.objects.get(slug="post-1").cover
    assert Comment.objects.filter(depth=4).count() == 1


def test_the_command_keeps_its_run_named_after_the_file(export):
    import_wordpress(export)
    run = ImportRun.objects.get()
    assert (run.source_name, run.status, bool(run.export_file)) == (
        "old-blog.xml",
        "done",
        False,
    )


def test_a_dry_run_of_the_command_writes_nothing(export):
    output = import_wordpress(export, "--dry-run")
    assert "(dry run: nothing was written)" in output
    assert not Article.objects.exists()


def test_the_author_map_file_matches_an_author(export, tmp_path):
    existing = UserFactory(username="bobby")
    author_map = tmp_path / "authors.csv"
    author_map.write_text("wordpress_login,folio_user\nbob,bobby\n")
    import_wordpress(export, "--author-map", author_map)
    assert Article.objects.get(slug="post-2").author.user == existing
    assert User.objects.filter(username="bob").count() == 0


def test_a_missing_export_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="There is no export file at"):
        import_wordpress(tmp_path / "nothing.xml")


def test_an_unreadable_author_map_is_a_clear_error(export, tmp_path):
    author_map = tmp_path / "authors.csv"
    author_map.write_bytes(b"\xff\xfe bob")
    with pytest.raises(CommandError, match="Cannot read the author map"):
        import_wordpress(export, "--author-map", author_map)


def test_a_refused_uploads_source_is_a_clear_error(export, tmp_path):
    not_a_zip = tmp_path / "uploads.zip"
    not_a_zip.write_bytes(b"hello")
    with pytest.raises(CommandError, match="not a zip file"):
        import_wordpress(export, "--media", not_a_zip)


def test_a_file_that_is_no_export_is_a_clear_error(tmp_path):
    page = tmp_path / "page.xml"
    page.write_bytes(b"<!DOCTYPE html><html><body>hi</body></html>")
    with pytest.raises(CommandError, match="not a WordPress export"):
        import_wordpress(page)
