from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from blog.models import Article, SlugRedirect
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def test_published_includes_an_article_whose_time_has_come():
    article = ArticleFactory()
    assert list(Article.objects.published()) == [article]


def test_published_leaves_out_articles_scheduled_for_tomorrow():
    ArticleFactory(scheduled=True)
    assert not Article.objects.published().exists()


def test_published_leaves_out_drafts():
    ArticleFactory(draft=True)
    assert not Article.objects.published().exists()


@pytest.mark.parametrize(
    "status",
    [
        Article.Status.SUBMITTED,
        Article.Status.CHANGES_REQUESTED,
        Article.Status.ARCHIVED,
    ],
)
def test_published_leaves_out_articles_not_in_published_status(status):
    ArticleFactory(status=status)
    assert not Article.objects.published().exists()


def test_scheduled_article_becomes_public_when_its_time_passes():
    article = ArticleFactory(published_at=timezone.now() + timedelta(seconds=1))
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - timedelta(seconds=1)
    )
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_publish_sets_status_and_keeps_a_scheduled_time():
    when = timezone.now() + timedelta(days=2)
    article = ArticleFactory(draft=True)
    article.publish(when=when)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == when


def test_publish_without_a_time_publishes_now():
    article = ArticleFactory(draft=True)
    article.publish()
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_slug_is_made_from_the_title_when_left_blank():
    article = ArticleFactory(title="How Klonopin Works", slug="")
    assert article.slug == "how-klonopin-works"


def test_slug_made_from_a_taken_title_gets_a_number():
    ArticleFactory(title="Same", slug="same")
    assert ArticleFactory(title="Same", slug="").slug == "same-2"


def test_changing_the_slug_remembers_the_old_one():
    article = ArticleFactory(slug="old-name")
    article.slug = "new-name"
    article.save()
    assert SlugRedirect.objects.get(old_slug="old-name").article == article


def test_taking_back_an_old_slug_removes_its_redirect():
    article = ArticleFactory(slug="first")
    article.slug = "second"
    article.save()
    article.slug = "first"
    article.save()
    assert list(SlugRedirect.objects.values_list("old_slug", flat=True)) == ["second"]


def test_save_sanitises_the_body():
    article = ArticleFactory(body_source="<p>ok</p><script>alert(1)</script>")
    assert "script" not in article.body


def test_save_computes_reading_time_and_table_of_contents():
    article = ArticleFactory(
        body_source="<h2>Intro</h2>" + "<p>" + "word " * 500 + "</p>"
    )
    assert article.reading_time == 3
    assert article.toc == [{"level": 2, "id": "intro", "title": "Intro"}]


def test_a_cover_without_alt_text_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        ArticleFactory(
            cover="covers/x.jpg", cover_width=8, cover_height=8, cover_alt=""
        )


def test_comment_depth_follows_its_parent():
    parent = CommentFactory()
    reply = CommentFactory(article=parent.article, parent=parent)
    assert reply.depth == 2


@pytest.fixture
def renders(monkeypatch):
    """Every body the model renders, counted."""
    import blog.models

    calls = []
    real = blog.models.render_body

    def counting(source):
        calls.append(source)
        return real(source)

    monkeypatch.setattr(blog.models, "render_body", counting)
    return calls


def test_saving_a_new_article_renders_its_markdown_source():
    article = ArticleFactory(body_source="## Part\n\nSome *words*.")
    assert article.body == '<h2 id="part">Part</h2>\n<p>Some <em>words</em>.</p>'


def test_a_status_only_save_does_not_render_the_body_again(renders):
    article = ArticleFactory(draft=True)
    renders.clear()
    article.publish()
    assert renders == []


def test_a_save_with_an_unchanged_source_does_not_render_the_body_again(renders):
    article = Article.objects.get(pk=ArticleFactory().pk)
    renders.clear()
    article.title = "A new title"
    article.save()
    assert renders == []


def test_a_changed_source_is_rendered_once_and_stored(renders):
    article = Article.objects.get(pk=ArticleFactory().pk)
    renders.clear()
    article.body_source = "Fresh words."
    article.save(update_fields=["body_source"])
    assert renders == ["Fresh words."]
    assert Article.objects.get(pk=article.pk).body == "<p>Fresh words.</p>"


def test_loading_articles_without_their_source_does_not_fetch_it(
    django_assert_num_queries,
):
    ArticleFactory.create_batch(3)
    with django_assert_num_queries(1):
        list(Article.objects.defer("body_source"))


@pytest.mark.parametrize(
    ("status", "editable"),
    [
        (Article.Status.DRAFT, True),
        (Article.Status.CHANGES_REQUESTED, True),
        (Article.Status.SUBMITTED, False),
        (Article.Status.PUBLISHED, False),
        (Article.Status.ARCHIVED, False),
    ],
)
def test_only_drafts_and_articles_sent_back_are_editable_by_their_author(
    status, editable
):
    assert status.is_editable_by_author() is editable


def test_a_draft_may_be_submitted_but_not_sent_back_for_changes():
    draft = Article.Status.DRAFT
    assert draft.can_move_to(Article.Status.SUBMITTED)
    assert not draft.can_move_to(Article.Status.CHANGES_REQUESTED)


def test_an_archived_article_may_move_nowhere():
    archived = Article.Status.ARCHIVED
    assert not any(archived.can_move_to(status) for status in Article.Status)
