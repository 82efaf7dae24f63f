from datetime import timedelta

import pytest
from django.utils import timezone

from blog.body_limits import MAX_DEPTH
from blog.models import Article, Category, Tag
from tests.factories import ArticleFactory, CategoryFactory
from wordpress.models import ImportedItem, OldAddress
from wordpress.records import Term

from .conftest import POSTED, post

pytestmark = pytest.mark.django_db


def imported(wp_id):
    key = ImportedItem.objects.get(kind="post", wp_id=str(wp_id))
    return Article.objects.get(pk=key.object_id)


def test_a_published_post_is_published_at_its_gmt_date(import_records):
    import_records([post(1)])
    article = imported(1)
    assert (article.status, article.published_at) == ("published", POSTED)
    assert article in Article.objects.published()


def test_a_future_post_is_scheduled(import_records):
    tomorrow = timezone.now() + timedelta(days=1)
    import_records([post(1, status="future", date_gmt=tomorrow)])
    article = imported(1)
    assert article.is_scheduled
    assert article not in Article.objects.published()


@pytest.mark.parametrize(
    ("wordpress", "folio"),
    [("draft", "draft"), ("pending", "submitted"), ("private", "draft")],
)
def test_an_unpublished_post_keeps_its_state_and_no_date(
    import_records, wordpress, folio
):
    import_records([post(1, status=wordpress)])
    assert (imported(1).status, imported(1).published_at) == (folio, None)


@pytest.mark.parametrize("status", ["trash", "auto-draft", "inherit"])
def test_a_post_in_the_trash_or_never_saved_is_counted_as_skipped(
    import_records, status
):
    run = import_records([post(1, status=status)])
    assert not Article.objects.exists()
    assert run.counts["post"] == {"skipped": 1}
    assert run.warnings == []


def test_other_post_types_are_skipped_and_counted_per_type(import_records):
    run = import_records([post(1, post_type="nav_menu_item"), post(2, post_type="x")])
    assert run.counts["nav_menu_item"] == {"skipped": 1}
    assert run.counts["x"] == {"skipped": 1}


def test_title_slug_and_excerpt_as_summary_come_across(import_records):
    excerpt = "<p>A <em>short</em> &amp; sweet\nsummary.</p>"
    import_records([post(1, title="Hello", slug="hello-world", excerpt=excerpt)])
    article = imported(1)
    assert (article.title, article.slug) == ("Hello", "hello-world")
    assert article.summary == "A short & sweet summary."


def test_a_long_excerpt_is_cut_to_the_summary_length(import_records):
    import_records([post(1, excerpt="word " * 300)])
    summary = imported(1).summary
    assert len(summary) == 500
    assert summary.endswith("…")


def test_an_accented_slug_loses_its_marks(import_records):
    import_records([post(1, slug="café-crème")])
    assert imported(1).slug == "cafe-creme"


def test_a_slug_of_another_script_becomes_post_and_its_id(import_records):
    import_records([post(7, slug="привет-мир", title="Привет")])
    assert imported(7).slug == "post-7"


def test_the_old_address_of_a_non_ascii_slug_still_leads_to_the_article(
    import_records,
):
    import_records([post(7, slug="привет-мир", link="https://old.example/привет/")])
    address = OldAddress.objects.get(path="/привет/")
    assert address.target == imported(7)


def test_a_slug_another_article_has_gets_a_suffix_and_a_warning(import_records):
    ArticleFactory(slug="hello")
    run = import_records([post(1, slug="hello")])
    assert imported(1).slug == "hello-2"
    assert "“hello” is taken" in run.warnings[0]["message"]
    assert run.warnings[0]["wp_id"] == 1


def test_a_slug_that_redirects_to_another_article_is_taken_too(import_records):
    moved = ArticleFactory(slug="old-name")
    moved.slug = "new-name"
    moved.save()
    import_records([post(1, slug="old-name")])
    assert imported(1).slug == "old-name-2"
    assert moved.slug_redirects.filter(old_slug="old-name").exists()


def test_the_first_category_is_the_article_s_and_the_others_become_tags(
    import_records, alice
):
    terms = [
        Term(kind="category", wp_id=3, slug="news", name="News"),
        Term(kind="category", wp_id=4, slug="sport", name="Sport"),
        Term(kind="tag", wp_id=5, slug="cats", name="Cats"),
    ]
    item = post(1, categories=["news", "sport"], tags=["cats"])
    run = import_records([item], channel=[alice, *terms])
    article = imported(1)
    assert article.category.slug == "news"
    assert {tag.slug for tag in article.tags.all()} == {"cats", "sport"}
    assert "sport became tags" in run.warnings[0]["message"]


def test_an_existing_category_of_the_same_slug_is_reused(import_records, alice):
    news = CategoryFactory(slug="news", name="Our news")
    term = Term(kind="category", wp_id=3, slug="news", name="News")
    import_records([post(1, categories=["news"])], channel=[alice, term])
    assert Category.objects.get() == news
    assert imported(1).category == news


def test_a_term_the_channel_does_not_list_is_left_out_with_a_warning(
    import_records,
):
    run = import_records([post(1, tags=["ghost"])])
    assert not Tag.objects.exists()
    assert "“ghost” is not among the export's terms" in run.warnings[0]["message"]


def test_sticky_posts_are_counted_not_warned_about(import_records):
    run = import_records([post(1, sticky=True), post(2, sticky=True)])
    assert run.counts["post"]["sticky"] == 2
    assert run.warnings == []


def test_a_body_nested_deeper_than_the_editor_allows_is_skipped_with_the_reason(
    import_records,
):
    deep = "<blockquote>" * (MAX_DEPTH + 5) + "x" + "</blockquote>" * (MAX_DEPTH + 5)
    run = import_records([post(1, content=deep), post(2)])
    assert not ImportedItem.objects.filter(kind="post", wp_id="1").exists()
    assert imported(2)
    assert run.counts["post"] == {"skipped": 1, "warned": 1, "imported": 1}
    assert "nests" in run.warnings[0]["message"]


def test_an_item_that_fails_is_skipped_whole_and_the_rest_imported(
    import_records,
):
    bad = post(1, date_gmt="not a date")  # breaks on saving
    run = import_records([bad, post(2)])
    assert list(Article.objects.values_list("title", flat=True)) == ["Post 2"]
    assert run.status == "done"
    assert run.warnings[0]["wp_id"] == 1
    assert run.warnings[0]["message"].startswith("not imported:")
