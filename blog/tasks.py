"""Background tasks (Django's tasks framework; a database queue in dev and prod).

Each task takes ids, not objects: it runs later, in the worker, and reads
the rows as they are then.
"""

from django.tasks import task

from . import notifications


@task
def send_new_comment_emails(comment_id: int) -> int:
    return notifications.send_new_comment_emails(comment_id)


@task
def send_approval_emails(comment_id: int, approver_id: int | None) -> int:
    return notifications.send_approval_emails(comment_id, approver_id)


@task
def send_commenter_verification(email: str) -> None:
    from .services import send_verification_email

    send_verification_email(email=email)


@task
def send_transition_emails(transition_id: int) -> int:
    from . import workflow

    return workflow.send_transition_emails(transition_id)
