"""Moderation services: each action changes a comment and is recorded."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments import moderation
from comments.models import Comment, ModerationEvent
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    return UserFactory(groups=["Moderators"])


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("approve", Comment.Status.APPROVED),
        ("reject", Comment.Status.REJECTED),
        ("spam", Comment.Status.SPAM),
    ],
)
def test_each_action_sets_the_status_and_who_did_it(moderator, action, status):
    comment = CommentFactory(pending=True)
    moderation.moderate_comment(comment=comment, action=action, by=moderator)
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (status, moderator)
    assert comment.moderated_at is not None


@pytest.mark.parametrize("action", ["approve", "reject", "spam", "delete"])
def test_each_action_is_recorded_with_who_what_and_when(moderator, action):
    comment = CommentFactory(pending=True, name="Grace")
    moderation.moderate_comment(comment=comment, action=action, by=moderator)
    event = ModerationEvent.objects.get()
    assert (event.action, event.actor) == (action, moderator)
    assert "Grace" in event.comment_summary
    assert event.created_at is not None


def delete_for_good(comment, moderator):
    """Delete `comment`, let its minute of undo pass, and purge it."""
    moderation.moderate_comment(comment=comment, action="delete", by=moderator)
    long_ago = timezone.now() - timedelta(minutes=2)
    Comment.objects.filter(pk=comment.pk).update(deleted_at=long_ago)
    moderation.purge_deleted_comments()


def test_delete_hides_the_comment_at_once_and_records_it(moderator):
    comment = CommentFactory(pending=True)
    moderation.moderate_comment(comment=comment, action="delete", by=moderator)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.DELETED
    assert ModerationEvent.objects.get().comment == comment


def test_a_deletion_a_minute_old_is_purged_but_its_record_kept(moderator):
    comment = CommentFactory(pending=True)
    delete_for_good(comment, moderator)
    assert not Comment.objects.filter(pk=comment.pk).exists()
    assert ModerationEvent.objects.get().comment is None


def test_a_deletion_less_than_a_minute_old_is_not_purged(moderator):
    comment = CommentFactory(pending=True)
    moderation.moderate_comment(comment=comment, action="delete", by=moderator)
    assert moderation.purge_deleted_comments() == 0
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_deleting_a_comment_keeps_the_replies_of_others_one_level_up(moderator):
    root = CommentFactory()
    middle = CommentFactory(article=root.article, parent=root)
    reply = CommentFactory(article=root.article, parent=middle)
    deepest = CommentFactory(article=root.article, parent=reply)
    delete_for_good(middle, moderator)
    reply.refresh_from_db()
    deepest.refresh_from_db()
    assert (reply.parent, reply.depth) == (root, 2)
    assert (deepest.parent, deepest.depth) == (reply, 3)


def test_deleting_a_top_level_comment_makes_its_replies_top_level(moderator):
    root = CommentFactory()
    reply = CommentFactory(article=root.article, parent=root)
    delete_for_good(root, moderator)
    reply.refresh_from_db()
    assert (reply.parent, reply.depth) == (None, 1)


def test_acting_twice_changes_nothing_and_records_once(moderator):
    comment = CommentFactory(pending=True)
    first = moderation.moderate_comment(comment=comment, action="approve", by=moderator)
    second = moderation.moderate_comment(
        comment=comment, action="approve", by=moderator
    )
    assert (first, second) == (True, False)
    assert ModerationEvent.objects.count() == 1


def test_bulk_moderation_acts_on_each_comment_and_counts_the_changes(moderator):
    comments = CommentFactory.create_batch(3, pending=True)
    already = CommentFactory(spam=True)
    changed = moderation.moderate_comments(
        comments=[*comments, already], action="spam", by=moderator
    )
    assert changed == 3
    assert Comment.objects.filter(status=Comment.Status.SPAM).count() == 4
    assert ModerationEvent.objects.count() == 3


def test_bulk_delete_deletes_and_records_every_comment(moderator):
    comments = CommentFactory.create_batch(2, spam=True)
    moderation.moderate_comments(
        comments=Comment.objects.filter(pk__in=[c.pk for c in comments]),
        action="delete",
        by=moderator,
    )
    assert not Comment.objects.not_deleted().exists()
    assert ModerationEvent.objects.filter(action="delete").count() == 2


def test_an_unknown_action_is_refused(moderator):
    comment = CommentFactory(pending=True)
    with pytest.raises(ValueError):
        moderation.moderate_comment(comment=comment, action="publish", by=moderator)


def test_for_moderator_gives_nothing_to_a_reader():
    CommentFactory(pending=True)
    assert not Comment.objects.for_moderator(UserFactory()).exists()


def test_moderation_order_puts_pending_first_then_spam():
    approved = CommentFactory()
    spam = CommentFactory(spam=True)
    pending = CommentFactory(pending=True)
    assert list(Comment.objects.moderation_order()) == [pending, spam, approved]
