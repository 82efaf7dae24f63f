"""Moderating comments: approve, reject, mark as spam or delete, one or many.

Every change is recorded as a `ModerationEvent` (who, what, when) in the same
transaction as the change itself. Acting on a comment already in the wanted
state changes nothing and records nothing, so acting twice is harmless.
Approving notifies the people who asked for it, after commit.
"""

from functools import partial

from django.db import transaction
from django.db.models import F

from .models import Comment, ModerationEvent
from .tasks import notify_comment_approved

Action = ModerationEvent.Action

TARGET_STATUS = {
    Action.APPROVE: Comment.Status.APPROVED,
    Action.REJECT: Comment.Status.REJECTED,
    Action.SPAM: Comment.Status.SPAM,
}


@transaction.atomic
def moderate_comments(*, comments, action: str, by) -> int:
    """Apply `action` to each of `comments`; return how many changed.

    `comments` is a queryset or an iterable of comments; their rows are
    re-read under a lock, so a comment changed meanwhile is judged as it is
    now. `by` is the user acting (None for the system).
    """
    action = Action(action)
    ids = [comment.pk for comment in comments]
    locked = (
        Comment.objects.select_for_update(of=("self",))
        .select_related("article")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    return sum(_apply(comment, action, by) for comment in locked)


def moderate_comment(*, comment: Comment, action: str, by) -> bool:
    """Apply `action` to one comment; False if there was nothing to do."""
    return moderate_comments(comments=[comment], action=action, by=by) == 1


def _apply(comment: Comment, action: Action, user) -> bool:
    if action == Action.DELETE:
        _record(comment, action, user)  # before: the event's link is SET_NULL
        delete_comment_keeping_replies(comment)
        return True
    if comment.status == TARGET_STATUS[action]:
        return False
    if action == Action.APPROVE:
        comment.approve(by=user)
        transaction.on_commit(
            partial(notify_comment_approved, comment, approver=user),
            robust=True,
        )
    elif action == Action.REJECT:
        comment.reject(by=user)
    else:
        comment.mark_spam(by=user)
    _record(comment, action, user)
    return True


def _record(comment: Comment, action: Action, user) -> ModerationEvent:
    return ModerationEvent.objects.create(
        comment=comment,
        comment_summary=comment.summary(),
        action=action,
        actor=user,
    )


def delete_comment_keeping_replies(comment: Comment) -> None:
    """Delete one comment; its replies move up to its parent and stay.

    Other readers' words are not lost with the comment they answered: its
    direct replies take its place in the thread, and every reply beneath
    them moves one level up.
    """
    parent_id = (
        Comment.objects.filter(pk=comment.pk).values_list("parent_id", flat=True)
    ).first()
    level, below = [comment.pk], []
    while level:
        level = list(
            Comment.objects.filter(parent_id__in=level).values_list("pk", flat=True)
        )
        below += level
    Comment.objects.filter(pk__in=below).update(depth=F("depth") - 1)
    Comment.objects.filter(parent_id=comment.pk).update(parent_id=parent_id)
    Comment.objects.filter(pk=comment.pk).delete()
