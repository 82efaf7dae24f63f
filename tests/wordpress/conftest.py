"""Records as `wxr.read_export()` gives them, built in Python, and an import
of them: the importer's tests need no XML (the reader has its own)."""

from datetime import UTC, datetime
from io import BytesIO

import pytest
from PIL import Image as PillowImage

from wordpress.importer import run_import
from wordpress.models import ImportRun
from wordpress.records import Author, Comment, Item, Site

from .admin_export import ADD_URL, export

OLD_SITE = "https://old.example"
POSTED = datetime(2020, 5, 17, 9, 30, tzinfo=UTC)


def post(wp_id: int, **fields) -> Item:
    """A published post by alice, unless `fields` say otherwise."""
    values = {
        "post_type": "post",
        "title": f"Post {wp_id}",
        "link": f"{OLD_SITE}/2020/05/17/post-{wp_id}/",
        "guid": f"{OLD_SITE}/?p={wp_id}",
        "creator": "alice",
        "content": f"<p>The text of post {wp_id}.</p>",
        "excerpt": "",
        "date_gmt": POSTED,
        "status": "publish",
        "slug": f"post-{wp_id}",
        "parent_wp_id": 0,
        "menu_order": 0,
        "sticky": False,
    }
    return Item(wp_id=wp_id, **{**values, **fields})


def page(wp_id: int, **fields) -> Item:
    fields = {
        "link": f"{OLD_SITE}/page-{wp_id}/",
        "slug": f"page-{wp_id}",
        "title": f"Page {wp_id}",
        **fields,
    }
    return post(wp_id, post_type="page", **fields)


def attachment(wp_id: int, path: str, **fields) -> Item:
    """An image whose file is `path` under the uploads folder."""
    return post(
        wp_id,
        post_type="attachment",
        status="inherit",
        title=f"Image {wp_id}",
        attachment_url=f"{OLD_SITE}/wp-content/uploads/{path}",
        **fields,
    )


def comment(wp_id: int, parent: int = 0, **fields) -> Comment:
    values = {
        "author_name": f"Reader {wp_id}",
        "author_email": f"reader{wp_id}@mail.example",
        "author_url": "",
        "author_ip": "203.0.113.7",
        "date_gmt": POSTED,
        "content": f"Comment {wp_id}.",
        "approved": "1",
        "type": "",
    }
    return Comment(wp_id=wp_id, parent_wp_id=parent, **{**values, **fields})


def image_bytes(size=(40, 30), color="teal", image_format="JPEG") -> bytes:
    buffer = BytesIO()
    PillowImage.new("RGB", size, color).save(buffer, image_format)
    return buffer.getvalue()


def old_site() -> Site:
    """The WordPress site the records come from."""
    return Site(
        title="The old blog",
        link=OLD_SITE,
        base_site_url=OLD_SITE,
        base_blog_url=OLD_SITE,
        wxr_version="1.2",
    )


def alice_author() -> Author:
    return Author(
        wp_id=1, login="alice", email="alice@old.example", display_name="Alice"
    )


@pytest.fixture
def site():
    return old_site()


@pytest.fixture
def alice():
    return alice_author()


@pytest.fixture
def bob():
    return Author(wp_id=2, login="bob", email="Bob@Mail.example", display_name="Bob")


@pytest.fixture
def uploads(tmp_path):
    """An empty uploads folder; `add(path, data)` puts a file in it."""
    root = tmp_path / "uploads"
    root.mkdir()

    class Folder:
        path = root

        def add(self, name: str, data: bytes) -> None:
            file = root / name
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(data)

    return Folder()


@pytest.fixture
def import_records(db, monkeypatch, site, alice):
    """Import these records (after the site and alice) as if read from a
    file: `import_records([post(1)], dry_run=True)` → the ImportRun."""

    def run(items, *, channel=None, **options):
        records = [site, *(channel if channel is not None else [alice]), *items]
        monkeypatch.setattr(
            "wordpress.importer.run.read_export", lambda export: iter(records)
        )
        run = ImportRun.objects.create(source_name="export.xml")
        return run_import(run, export="export.xml", **options)

    return run


@pytest.fixture
def signed_in_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def start(signed_in_editor, django_capture_on_commit_callbacks):
    """Post the add form as an editor, running the queued task (tasks run
    at once in tests) once the request's transaction commits."""

    def post(**files):
        data = {"export_file": export(), "dry_run": "", **files}
        with django_capture_on_commit_callbacks(execute=True):
            return signed_in_editor.post(ADD_URL, data)

    return post
