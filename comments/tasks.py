"""Comment emails, sent by background tasks (Django's tasks framework).

The `notify_*` functions are what services call after commit: they only
queue a task and never raise, so a comment is never lost, slowed or refused
because mail is down. Each task takes ids, not objects and never a link: it
runs later, in the worker, and reads the rows as they are then; an email
the mail server refuses fails the task and is tried again (core/mail.py).
"""

from django.tasks import task

from core.mail import queue

from . import notifications
from .models import Comment


@task
def send_new_comment_emails(comment_id: int) -> int:
    return notifications.send_new_comment_emails(comment_id)


@task
def send_approval_emails(comment_id: int, approver_id: int | None) -> int:
    return notifications.send_approval_emails(comment_id, approver_id)


@task
def send_commenter_verification(email: str) -> int:
    return notifications.send_verification_email(email)


def notify_new_comment(comment: Comment) -> None:
    """Queue an email to each moderator about a new comment awaiting review."""
    if comment.status != Comment.Status.PENDING:
        return  # spam waits in the queue without waking anyone
    queue(send_new_comment_emails, comment.pk)


def notify_comment_approved(comment: Comment, *, approver=None) -> None:
    """Queue the emails an approval sends: author, commenter, the one answered."""
    queue(send_approval_emails, comment.pk, approver.pk if approver else None)


def notify_commenter_verification(email: str) -> None:
    """Queue the email with the signed link that proves a commenter's address."""
    queue(send_commenter_verification, email)
