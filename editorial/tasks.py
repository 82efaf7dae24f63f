"""Editorial emails, sent by a background task (Django's tasks framework).

`notify_transition` is what the workflow calls after commit: it only queues
the task and never raises. The task takes an id and reads the step as it
is when the worker runs it; an email the mail server refuses fails the task
and is tried again (core/mail.py).
"""

from django.tasks import task

from blog.models import Article
from core.mail import queue

from . import notifications
from .models import ArticleProposal, ArticleTransition

# The steps somebody hears of.
ANNOUNCED = frozenset(
    {
        Article.Status.SUBMITTED,
        Article.Status.PUBLISHED,
        Article.Status.CHANGES_REQUESTED,
    }
)
PROPOSAL_ANNOUNCED = frozenset(
    {
        ArticleProposal.Status.SUBMITTED,
        ArticleProposal.Status.RETURNED,
        ArticleProposal.Status.PUBLISHED,
    }
)


@task
def send_transition_emails(transition_id: int) -> int:
    return notifications.send_transition_emails(transition_id)


def notify_transition(step: ArticleTransition) -> None:
    """Queue the emails a transition sends; never raises."""
    if step.to_status in ANNOUNCED:
        queue(send_transition_emails, step.pk)


@task
def send_proposal_emails(proposal_id: int, status: str) -> int:
    return notifications.send_proposal_emails(proposal_id, status)


def notify_proposal(proposal: ArticleProposal) -> None:
    """Queue the emails of a proposed update's new status; never raises."""
    if proposal.status in PROPOSAL_ANNOUNCED:
        queue(send_proposal_emails, proposal.pk, str(proposal.status))
