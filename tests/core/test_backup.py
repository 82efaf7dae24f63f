"""`manage.py backup` and `restore`: a round trip on the database the suite runs on.

Restoring replaces the database, so these tests commit (`transaction=True`);
the restore targets the test database pytest-django made, as the command
targets whatever DATABASES names.
"""

import os
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.models import User
from blog.models import Article
from comments.models import Comment
from core import pagecache
from imaging.models import Image
from imaging.processing import save_image
from tests.factories import ArticleFactory, CommentFactory, UserFactory
from tests.imaging.images import image_bytes, store_image_for, upload

committed = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "site" / "media"
    settings.MEDIA_ROOT.mkdir(parents=True)
    return settings.MEDIA_ROOT


@pytest.fixture
def archive(tmp_path):
    return tmp_path / "backup.tar.gz"


def backup(*args, **options):
    out = StringIO()
    call_command("backup", *map(str, args), stdout=out, **options)
    return out.getvalue()


def restore(archive):
    out = StringIO()
    call_command("restore", str(archive), interactive=False, stdout=out)
    return out.getvalue()


def in_memory_media(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def illustrated_article():
    """An article with a cover, a comment, and an image in its author's library."""
    article = ArticleFactory(title="Tides and moons", cover_alt="The moon")
    save_image(article, "cover", upload(image_bytes("PNG", color="blue"), "c.png"))
    CommentFactory(article=article, body="The spring tides explained at last.")
    store_image_for(article.author.user, alt="A harbour at low tide")
    return article


@committed
def test_restore_brings_back_the_articles_comments_images_and_accounts(media, archive):
    article = illustrated_article()
    user = article.author.user
    backup(archive)
    Comment.objects.all().delete()
    Image.objects.get().delete()
    Article.objects.all().delete()
    User.objects.update(password="!")
    UserFactory(username="came-later")

    restore(archive)

    restored = Article.objects.get()
    assert restored.title == "Tides and moons"
    assert restored.comments.get().body == "The spring tides explained at last."
    assert Image.objects.get(owner=user).alt == "A harbour at low tide"
    assert authenticate(username=user.username, password="correct horse") == user
    assert not User.objects.filter(username="came-later").exists()


@committed
def test_restore_puts_back_the_media_files_as_they_were_and_nothing_else(
    media, archive
):
    article = illustrated_article()
    library_image = Image.objects.get()
    before = {
        path.relative_to(media): path.read_bytes()
        for path in media.rglob("*")
        if path.is_file()
    }
    backup(archive)
    library_image.delete()  # its file and renditions go once committed
    Path(article.cover.path).write_bytes(b"overwritten")
    (media / "uploaded-later.png").write_bytes(image_bytes("PNG"))

    restore(archive)

    after = {
        path.relative_to(media): path.read_bytes()
        for path in media.rglob("*")
        if path.is_file()
    }
    assert after == before


@committed
def test_after_a_restore_readers_get_the_restored_page_not_a_cached_one(media, archive):
    article = ArticleFactory(body_source="Written before the backup.")
    backup(archive)
    article.body_source = "Written after the backup."
    article.save()
    Client().get(article.get_absolute_url())
    assert Client().get(article.get_absolute_url())["X-Cache"] == "HIT"

    restore(archive)

    page = Client().get(article.get_absolute_url())
    assert "Written before the backup." in page.text


@committed
def test_restore_ends_the_page_cache_generation(media, archive):
    backup(archive)
    pagecache.start_generation()
    generation = pagecache.current_generation()

    restore(archive)

    assert pagecache.current_generation() != generation


@committed
def test_backup_says_what_it_wrote(media, archive):
    (media / "covers").mkdir()
    (media / "covers" / "a.png").write_bytes(image_bytes("PNG"))

    said = backup(archive)

    assert f"Wrote {archive}" in said
    assert "media: 1 files" in said


@committed
def test_the_archive_holds_a_manifest_the_snapshot_and_the_media_files(media, archive):
    (media / "covers").mkdir()
    (media / "covers" / "a.png").write_bytes(image_bytes("PNG"))
    backup(archive)
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names[-1] == "manifest.json"
    assert names[0] in {"database.sqlite3", "database.pgdump"}
    assert "media/covers/a.png" in names


@committed
def test_backup_leaves_out_symbolic_links_in_the_media_folder(media, archive):
    (media / "passwords").symlink_to("/etc/passwd")
    backup(archive)
    with tarfile.open(archive) as tar:
        assert not [name for name in tar.getnames() if name.startswith("media/")]


@committed
def test_backup_says_when_the_media_are_not_on_the_filesystem(settings, media, archive):
    in_memory_media(settings)
    said = backup(archive)
    assert "media: NOT INCLUDED, the default storage is" in said


@committed
def test_restore_of_a_backup_without_media_leaves_the_media_folder_alone(
    settings, media, archive
):
    (media / "kept.png").write_bytes(b"the site's own file")
    storages = settings.STORAGES
    in_memory_media(settings)
    backup(archive)
    settings.STORAGES = storages

    said = restore(archive)

    assert "the media were left alone" in said
    assert [path.name for path in media.iterdir()] == ["kept.png"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root gives files away")
@committed
def test_media_restored_by_root_belong_to_the_owner_of_the_media_folder(media, archive):
    (media / "covers").mkdir()
    (media / "covers" / "a.png").write_bytes(image_bytes("PNG"))
    backup(archive)
    os.chown(media, 4321, 4321)

    restore(archive)

    owners = {(p.stat().st_uid, p.stat().st_gid) for p in [media, *media.rglob("*")]}
    assert owners == {(4321, 4321)}


def test_backup_refuses_to_overwrite_an_archive(archive):
    archive.write_bytes(b"last night's backup")
    with pytest.raises(CommandError, match="already exists: pass --force"):
        backup(archive)
    assert archive.read_bytes() == b"last night's backup"


@committed
def test_backup_with_force_replaces_an_archive(media, archive):
    archive.write_bytes(b"last night's backup")
    backup(archive, force=True)
    assert tarfile.is_tarfile(archive)


@committed
def test_backup_into_a_folder_names_the_archive_by_the_time(media, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    backup(folder)
    [written] = folder.iterdir()
    assert written.name.startswith("folio-backup-")
    assert written.name.endswith(".tar.gz")


def test_backup_refuses_to_write_into_the_media_folder(media):
    with pytest.raises(CommandError, match="outside the media folder"):
        backup(media / "backup.tar.gz")


@pytest.mark.django_db
def test_backup_refuses_to_run_inside_a_transaction(media, archive):
    with pytest.raises(CommandError, match="inside a transaction"):
        backup(archive)
    assert not archive.exists()
