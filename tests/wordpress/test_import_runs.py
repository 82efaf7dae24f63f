import pytest

from accounts.models import User
from blog.models import Article, Category, Page
from comments.models import Comment
from imaging.models import Image
from wordpress.models import ImportedItem, ImportRun, OldAddress
from wordpress.records import Term
from wordpress.report import format_report
from wordpress.wxr import ExportError

from .conftest import attachment, comment, image_bytes, page, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def everything(alice, bob, uploads):
    """A small site: two authors, a category, a post with a featured image
    and a thread, a draft, a page."""
    uploads.add("2020/05/photo.jpg", image_bytes())
    channel = [alice, bob, Term(kind="category", wp_id=3, slug="news", name="News")]
    items = [
        post(1, categories=["news"], meta={"_thumbnail_id": "10"},
             comments=[comment(1), comment(2, 1), comment(3, approved="0")]),
        post(2, creator="bob", status="draft"),
        page(3),
        attachment(10, "2020/05/photo.jpg"),
    ]  # fmt: skip
    return {"channel": channel, "items": items, "media": uploads.path}


def run_with(import_records, data, **options):
    return import_records(
        data["items"], channel=data["channel"], media=data["media"], **options
    )


def rows():
    return [
        model.objects.count()
        for model in (User, Article, Page, Category, Comment, Image, ImportedItem)
    ]


def test_everything_imported_is_counted(import_records, everything):
    run = run_with(import_records, everything)
    assert run.status == ImportRun.Status.DONE and run.finished_at
    assert run.counts["post"] == {"imported": 2}
    assert run.counts["page"] == {"imported": 1}
    assert run.counts["comment"] == {"imported": 3}
    assert run.counts["attachment"] == {"imported": 1}
    assert run.site == "https://old.example"


def test_an_imported_page_is_published_and_out_of_the_footer(
    import_records, everything
):
    run_with(import_records, everything)
    imported_page = Page.objects.get()
    assert (imported_page.slug, imported_page.published) == ("page-3", True)
    assert not imported_page.show_in_footer


def test_a_second_run_duplicates_nothing(import_records, everything):
    run_with(import_records, everything)
    before = rows()
    run_with(import_records, everything)
    assert rows() == before


def test_a_second_run_counts_everything_unchanged(import_records, everything):
    run_with(import_records, everything)
    run = run_with(import_records, everything)
    assert {kind: set(outcomes) for kind, outcomes in run.counts.items()} == {
        "author": {"unchanged"},
        "category": {"unchanged"},
        "post": {"unchanged"},
        "page": {"unchanged"},
        "comment": {"unchanged"},
        "attachment": {"unchanged"},
    }


def test_a_second_run_updates_a_changed_post_and_adds_a_new_comment(
    import_records, everything
):
    run_with(import_records, everything)
    first = everything["items"][0]
    first.title = "A better title"
    first.comments.append(comment(4, 2))
    run = run_with(import_records, everything)
    assert run.counts["post"] == {"updated": 1, "unchanged": 1}
    assert Comment.objects.get(body="Comment 4.").depth == 3
    assert Article.objects.filter(title="A better title").exists()


def test_a_dry_run_writes_nothing(import_records, everything):
    before = rows()
    run_with(import_records, everything, dry_run=True)
    assert rows() == before
    assert not OldAddress.objects.exists()


def test_a_dry_run_reports_what_the_import_then_does(import_records, everything):
    dry = run_with(import_records, everything, dry_run=True)
    real = run_with(import_records, everything)
    assert (dry.counts, dry.warnings) == (real.counts, real.warnings)
    assert dry.dry_run and dry.status == ImportRun.Status.DONE


def test_an_unreadable_export_fails_the_run_and_keeps_what_was_imported(
    db, monkeypatch, site, alice
):
    def broken(export):
        yield site
        yield alice
        yield post(1)
        raise ExportError("The file ends in the middle of an item.")

    monkeypatch.setattr("wordpress.importer.run.read_export", broken)
    run = ImportRun.objects.create(source_name="cut.xml")
    from wordpress.importer import run_import

    run = run_import(run, export="cut.xml")
    assert run.status == ImportRun.Status.FAILED
    assert run.error == "The file ends in the middle of an item."
    assert User.objects.filter(username="alice").exists()


def test_the_report_is_saved_while_the_import_goes(import_records, monkeypatch):
    saved = []
    monkeypatch.setattr(
        ImportRun, "save", lambda self, **kw: saved.append(self.items_done)
    )
    import_records([post(n) for n in range(1, 6)], progress_every=2)
    assert [2, 4] == [n for n in saved if n in (2, 4)]


def test_the_report_lists_counts_and_each_warning_with_its_item(import_records):
    run = import_records([post(1, tags=["ghost"], title="Hello")])
    text = format_report(run)
    assert "  post: 1 imported, 1 warned" in text
    assert "post 1 “Hello”: the tag “ghost” is not among" in text
