"""Each article keeps the number of its approved comments, whatever changes them."""

import pytest

from blog.models import Article
from comments import moderation
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def count(article):
    return Article.objects.get(pk=article.pk).comment_count


def test_an_approved_comment_counts(moderator_user):
    comment = CommentFactory(pending=True)
    moderation.moderate_comment(comment=comment, action="approve", by=moderator_user)
    assert count(comment.article) == 1


def test_a_pending_comment_does_not_count():
    comment = CommentFactory(pending=True)
    assert count(comment.article) == 0


def test_rejecting_an_approved_comment_takes_it_off_the_count(moderator_user):
    comment = CommentFactory()
    moderation.moderate_comment(comment=comment, action="reject", by=moderator_user)
    assert count(comment.article) == 0


def test_deleting_a_comment_keeps_its_replies_in_the_count(moderator_user):
    parent = CommentFactory()
    CommentFactory(article=parent.article, parent=parent)
    moderation.moderate_comment(comment=parent, action="delete", by=moderator_user)
    assert count(parent.article) == 1


def test_a_bulk_update_recounts_the_articles_it_touched():
    article = ArticleFactory()
    CommentFactory.create_batch(3, article=article, pending=True)
    Comment.objects.filter(article=article).update(status=Comment.Status.APPROVED)
    assert count(article) == 3


def test_bulk_created_comments_are_counted():
    article = ArticleFactory()
    Comment.objects.bulk_create(
        Comment(article=article, name="A", email="a@example.org", body=f"{n}")
        for n in range(4)
    )
    assert count(article) == 0  # pending by default
    Comment.objects.bulk_create(
        [
            Comment(
                article=article,
                name="B",
                email="b@example.org",
                body="Approved at once.",
                status=Comment.Status.APPROVED,
            )
        ]
    )
    assert count(article) == 1
