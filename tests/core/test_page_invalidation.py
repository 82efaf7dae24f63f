"""Every write readers can see reaches every cached page at once."""

import pytest
from django.test import Client

from comments import moderation
from comments.models import Comment
from editorial import workflow
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    CommentFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def warm(*urls):
    """Each page rendered and cached, as a reader's visit leaves it."""
    for url in urls:
        Client().get(url)
        assert Client().get(url)["X-Cache"] == "HIT", url


def page(url):
    return Client().get(url)


def test_publishing_a_draft_shows_it_on_the_home_page_at_once(editor):
    draft = ArticleFactory(draft=True, title="Fresh off the press")
    warm("/", "/feed/")
    workflow.publish(draft, by=editor)
    assert draft.title in page("/").text
    assert draft.title in page("/feed/").text


def test_editing_a_published_article_shows_the_new_text_at_once():
    article = ArticleFactory(body_source="The old wording.")
    warm(article.get_absolute_url())
    article.body_source = "The new wording."
    article.save()
    assert "The new wording." in page(article.get_absolute_url()).text


def test_unpublishing_takes_the_article_off_every_page_at_once(editor):
    article = ArticleFactory(title="Soon gone")
    warm("/", article.get_absolute_url(), article.author.get_absolute_url())
    workflow.unpublish(article, by=editor)
    assert page(article.get_absolute_url()).status_code == 404
    assert "Soon gone" not in page("/").text


def test_a_slug_change_moves_the_links_at_once():
    article = ArticleFactory(slug="first-slug")
    warm("/", article.get_absolute_url())
    article.slug = "second-slug"
    article.save()
    assert "/articles/second-slug/" in page("/").text
    assert page("/articles/first-slug/").status_code == 301


def test_approving_a_comment_shows_it_at_once(moderator_user):
    comment = CommentFactory(pending=True, body="Worth the wait.")
    url = comment.article.get_absolute_url()
    warm(url, "/")
    moderation.moderate_comment(comment=comment, action="approve", by=moderator_user)
    assert "Worth the wait." in page(url).text
    assert "1 comment" in page("/").text


def test_removing_a_comment_takes_it_off_at_once(moderator_user):
    comment = CommentFactory(body="Regrettable words.")
    url = comment.article.get_absolute_url()
    warm(url)
    moderation.moderate_comment(comment=comment, action="delete", by=moderator_user)
    assert "Regrettable words." not in page(url).text


def test_rejecting_an_approved_comment_takes_it_off_at_once(moderator_user):
    comment = CommentFactory(body="Second thoughts.")
    url = comment.article.get_absolute_url()
    warm(url)
    moderation.moderate_comment(comment=comment, action="reject", by=moderator_user)
    assert "Second thoughts." not in page(url).text


def test_an_author_profile_change_shows_on_their_articles_at_once():
    author = AuthorFactory(display_name="Old Name")
    article = ArticleFactory(author=author)
    warm(article.get_absolute_url(), "/authors/")
    author.display_name = "New Name"
    author.save()
    assert "New Name" in page(article.get_absolute_url()).text
    assert "New Name" in page("/authors/").text


def test_renaming_a_category_or_tag_shows_at_once():
    category, tag = CategoryFactory(name="Old shelf"), TagFactory(name="old-label")
    article = ArticleFactory(category=category, tags=[tag])
    warm(article.get_absolute_url())
    category.name, tag.name = "New shelf", "new-label"
    category.save()
    tag.save()
    text = page(article.get_absolute_url()).text
    assert "New shelf" in text
    assert "new-label" in text


def test_a_pending_comment_leaves_the_cached_pages_alone():
    article = ArticleFactory()
    warm(article.get_absolute_url())
    CommentFactory(pending=True, article=article)
    assert page(article.get_absolute_url())["X-Cache"] == "HIT"


def test_saving_a_draft_leaves_the_cached_pages_alone():
    draft = ArticleFactory(draft=True)
    warm("/")
    draft.title = "Still a draft"
    draft.save()
    assert page("/")["X-Cache"] == "HIT"


def test_bulk_updates_of_comments_end_the_cached_pages_too():
    comment = CommentFactory(body="Bulk approved.", pending=True)
    warm(comment.article.get_absolute_url())
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.APPROVED)
    assert "Bulk approved." in page(comment.article.get_absolute_url()).text
