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
