"""Moderating comments: approve, reject, mark as spam or delete, one or many.

Every change is recorded as a `ModerationEvent` (who, what, when) in the same
transaction as the change itself. Acting on a comment already in the wanted
state changes nothing and records nothing, so acting twice is harmless.
Approving notifies the people who asked for it, after commit.

Deleting can be undone for a minute (`UNDO_WINDOW`). It hides the comment at
once: its status becomes "deleted" (the one it had is kept beside it), so
readers, counts and the queue lose it, and the replies beneath it are hidden
with it, as under any comment readers cannot see. `undo_deletion()` gives it
back its status within the minute; the moderator who deleted it holds a
signed undo token naming the comments, and only they may use it. After the
minute the deletion is final: `purge_deleted_comments()`, run by the next
moderation action or queue visit, deletes the row for good and moves its
replies up one level in the thread. Until then the row is still stored;
erasing a commenter's data (comments/privacy.py) deletes it at once.
"""

from datetime import timedelta
from functools import partial

from django.core import signing
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Comment, ModerationEvent
from .tasks import notify_comment_approved

Action = ModerationEvent.Action
UNDO_WINDOW = timedelta(minutes=1)
UNDO_SALT = "comments.undo-deletion"


class UndoError(Exception):
    """An undo token that is forged or damaged ("invalid"), another moderator's
    ("not_yours") or more than a minute old ("expired"): `code` says which."""

    def __init__(self, message, *, code="invalid"):
        super().__init__(message)
        self.code = code


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
    purge_deleted_comments()
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
    if comment.status == Comment.Status.DELETED:
        return False  # only an undo brings it back
    if action == Action.DELETE:
        comment.mark_deleted()
        _record(comment, action, user)
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


def make_undo_token(*, comment_ids, by) -> str:
    """A signed note that `by` deleted these comments just now."""
    data = {"ids": sorted(comment_ids), "by": by.pk}
    return signing.TimestampSigner(salt=UNDO_SALT).sign_object(data)


def read_undo_token(token: str, *, user) -> list[int]:
    """The comment ids `user` may restore with `token`, or UndoError."""
    try:
        data = signing.TimestampSigner(salt=UNDO_SALT).unsign_object(
            token, max_age=UNDO_WINDOW
        )
    except signing.SignatureExpired:
        raise UndoError(
            "Too late to undo: a deletion can be undone for one minute only.",
            code="expired",
        ) from None
    except (signing.BadSignature, ValueError, UnicodeError):
        raise UndoError("This undo is not valid.") from None
    ids = data.get("ids") if isinstance(data, dict) else None
    if not isinstance(ids, list) or not all(type(pk) is int for pk in ids):
        raise UndoError("This undo is not valid.")
    if data.get("by") != user.pk:
        raise UndoError(
            "Only the moderator who deleted these comments may undo it.",
            code="not_yours",
        )
    return ids


@transaction.atomic
def undo_deletion(*, comment_ids, by) -> int:
    """Restore those of `comment_ids` deleted less than a minute ago.

    Return how many came back; each is recorded. A comment deleted longer
    ago stays deleted, whatever the caller holds.
    """
    since = timezone.now() - UNDO_WINDOW
    deleted = Comment.objects.select_for_update(of=("self",)).filter(
        pk__in=comment_ids, status=Comment.Status.DELETED, deleted_at__gt=since
    )
    restored = 0
    for comment in deleted.select_related("article").order_by("pk"):
        comment.restore()
        _record(comment, Action.RESTORE, by)
        restored += 1
    return restored


def purge_deleted_comments() -> int:
    """Delete for good the comments deleted more than a minute ago."""
    since = timezone.now() - UNDO_WINDOW
    expired = Comment.objects.filter(
        status=Comment.Status.DELETED, deleted_at__lte=since
    ).order_by("pk")
    with transaction.atomic():
        gone = list(expired.select_for_update(of=("self",)))
        for comment in gone:
            delete_comment_keeping_replies(comment)
    return len(gone)
