"""Editors import a WordPress export from the admin: the upload form checks the
files, the import runs as a task, and the run's page shows its progress and
then its report."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from blog.models import Article
from comments.models import Comment
from tests.factories import AuthorFactory, UserFactory
from wordpress.models import ImportRun

from .admin_export import ADD_URL, WXR, export, uploads_zip

pytestmark = pytest.mark.django_db


def test_an_editor_sees_the_upload_form(signed_in_editor):
    response = signed_in_editor.get(ADD_URL)
    assert response.status_code == 200
    assert b'name="export_file"' in response.content


def test_an_uploaded_export_is_imported_and_the_run_page_shows_its_report(start):
    response = start()
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response.url == run.get_absolute_url()
    page = response.client.get(response.url).content.decode()
    assert "Done" in page
    assert Article.objects.get().title == "Hello from WordPress"
    assert Comment.objects.get().body == "Welcome!"
    assert run.counts["post"]["imported"] == 1


def test_the_run_page_shows_the_counts_table(start):
    response = start()
    page = response.client.get(response.url)
    rows = {row["kind"]: row["outcomes"] for row in page.context["counts"]}
    assert rows["post"][0] == 1  # imported
    assert rows["comment"][0] == 1
    assert "<caption>What came across</caption>" in page.content.decode()


def test_the_run_remembers_who_started_it_and_the_file_name(start, editor):
    start()
    run = ImportRun.objects.get()
    assert (run.started_by, run.source_name) == (editor, "export.xml")


def stored_files(settings):
    return {p for p in Path(settings.FOLIO_IMPORT_DIR).rglob("*") if p.is_file()}


def test_the_stored_files_are_deleted_once_the_import_ends(start, settings):
    before = stored_files(settings)
    start(media_file=uploads_zip({"2020/05/pic.jpg": b"not an image"}))
    run = ImportRun.objects.get()
    assert (run.export_file.name, run.media_file.name) == ("", "")
    assert stored_files(settings) == before


def test_a_dry_run_writes_nothing_and_reports_the_same(start):
    start(dry_run="on")
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.DONE
    assert run.counts["post"]["imported"] == 1
    assert not Article.objects.exists()


def test_a_file_that_is_not_xml_is_a_form_error(start):
    response = start(export_file=export(b"PK\x03\x04 a zip, not an export"))
    assert response.status_code == 200
    assert "does not begin like XML" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_an_export_with_a_byte_order_mark_is_accepted(start):
    response = start(export_file=export(b"\xef\xbb\xbf" + WXR.encode()))
    assert response.status_code == 302


def test_a_zip_with_a_member_outside_itself_is_a_form_error(start):
    response = start(media_file=uploads_zip({"../../etc/cron.d/x": b"* * * * *"}))
    assert response.status_code == 200
    assert "names a file outside itself" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_an_uploads_file_that_is_no_zip_is_a_form_error(start):
    response = start(media_file=SimpleUploadedFile("uploads.zip", b"hello"))
    assert response.status_code == 200
    assert "not a zip file" in response.content.decode()


def test_a_malformed_export_fails_with_its_message_and_no_500(start):
    broken = WXR.replace("</channel>", "")
    response = start(export_file=export(broken))
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert "not well-formed XML" in run.error
    page = response.client.get(response.url)
    assert page.status_code == 200
    assert "Failed" in page.content.decode()
    assert escape(run.error) in page.content.decode()


def test_an_unexpected_error_fails_the_run_and_deletes_its_files(start, monkeypatch):
    def crash(run, **options):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr("wordpress.importer.run_import", crash)
    start()
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert run.error.endswith("RuntimeError: the disk is full")
    assert run.export_file.name == ""


def test_the_run_page_refreshes_while_the_import_runs(signed_in_editor):
    run = ImportRun.objects.create(status=ImportRun.Status.RUNNING, items_done=50)
    page = signed_in_editor.get(run.get_absolute_url()).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "50 items done" in page


def test_the_run_page_stops_refreshing_once_the_import_is_done(signed_in_editor):
    run = ImportRun.objects.create(status=ImportRun.Status.DONE)
    page = signed_in_editor.get(run.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "were deleted when the import ended" in page


def test_the_run_page_lists_each_warning(signed_in_editor):
    warning = {"kind": "post", "wp_id": 12, "title": "Hello", "message": "no slug"}
    run = ImportRun.objects.create(status=ImportRun.Status.DONE, warnings=[warning])
    page = signed_in_editor.get(run.get_absolute_url()).content.decode()
    assert "<td>Hello</td>" in page
    assert "<td>no slug</td>" in page


def test_a_run_cannot_be_edited(signed_in_editor):
    run = ImportRun.objects.create(status=ImportRun.Status.DONE)
    signed_in_editor.post(run.get_absolute_url(), {"status": "queued"})
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE


def test_an_author_cannot_reach_the_upload_form(client):
    client.force_login(AuthorFactory().user)
    response = client.get(ADD_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_staff_moderator_is_refused_the_upload_form(client):
    client.force_login(UserFactory(is_staff=True, groups=["Moderators"]))
    assert client.get(ADD_URL).status_code == 403


def test_an_editor_cannot_delete_a_run(signed_in_editor):
    run = ImportRun.objects.create(status=ImportRun.Status.DONE)
    delete_url = reverse("admin:wordpress_importrun_delete", args=[run.pk])
    assert signed_in_editor.post(delete_url, {"post": "yes"}).status_code == 403


def test_a_superuser_cannot_delete_a_run_still_running(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    run = ImportRun.objects.create(status=ImportRun.Status.RUNNING)
    delete_url = reverse("admin:wordpress_importrun_delete", args=[run.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403


def test_a_superuser_may_delete_a_run_left_unfinished_for_two_days(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    run = ImportRun.objects.create(status=ImportRun.Status.RUNNING)
    two_days_ago = timezone.now() - timedelta(days=2)
    ImportRun.objects.filter(pk=run.pk).update(created_at=two_days_ago)
    delete_url = reverse("admin:wordpress_importrun_delete", args=[run.pk])
    client.post(delete_url, {"post": "yes"})
    assert not ImportRun.objects.exists()


def test_deleting_a_run_deletes_the_files_it_still_holds(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    run = ImportRun.objects.create(status=ImportRun.Status.FAILED)
    run.export_file.save("export.xml", export(), save=True)
    stored = Path(run.export_file.path)
    delete_url = reverse("admin:wordpress_importrun_delete", args=[run.pk])
    client.post(delete_url, {"post": "yes"})
    assert not ImportRun.objects.exists()
    assert not stored.exists()
