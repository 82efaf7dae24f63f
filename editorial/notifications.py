"""Emails about an article's path: who hears of each step, and how.

`workflow` queues a task (editorial/tasks.py) after commit, passing ids; the
task calls `send_transition_emails`, which hands a `@rebuildable` builder to
`core.mail.deliver`: it reads the step as it is then (and again at each
retry) and sends each letter on its own. The editors
hear of each submission, the author of a publication or a request for
changes; nobody is emailed about their own action.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import formats, timezone

from blog.models import Article
from core.mail import Letter, absolute, dedupe, deliver, rebuildable
from core.permissions import PUBLISH_ARTICLE

from .models import ArticleProposal, ArticleTransition

Status = Article.Status
ProposalStatus = ArticleProposal.Status
TEMPLATES = "editorial/email/"


def editors():
    """Active users who may publish and have an email address."""
    users = get_user_model().objects.with_perm(PUBLISH_ARTICLE, is_active=True)
    return users.exclude(email="").order_by("pk")


def transition_letters(step: ArticleTransition) -> list[Letter]:
    """Who hears of `step`: editors of a submission, the author of a decision."""
    article = step.article
    author_user = article.author.user
    context = {"article": article, "step": step, "author": article.author}
    if step.to_status == Status.SUBMITTED:
        context["review_url"] = absolute(
            reverse("admin:blog_article_change", args=[article.pk])
        )
        context["resubmitted"] = step.from_status == Status.CHANGES_REQUESTED
        subject = f"Submitted for review: “{article}” by {article.author}"
        letters = [
            Letter(editor.email, subject, f"{TEMPLATES}article_submitted", context)
            for editor in editors()
        ]
    elif step.to_status == Status.CHANGES_REQUESTED:
        context["dashboard_url"] = absolute(reverse("editorial:dashboard"))
        subject = f"Changes requested on “{article}”"
        template = f"{TEMPLATES}article_changes_requested"
        letters = [Letter(author_user.email, subject, template, context)]
    elif step.to_status == Status.PUBLISHED:
        context["article_url"] = absolute(article.get_absolute_url())
        if step.scheduled_for:
            when = timezone.localtime(step.scheduled_for)
            context["scheduled_for"] = formats.date_format(when, "DATETIME_FORMAT")
            subject = f"“{article}” is scheduled for publication"
        else:
            subject = f"“{article}” is published"
        template = f"{TEMPLATES}article_published"
        letters = [Letter(author_user.email, subject, template, context)]
    else:
        return []
    actor_email = step.actor.email if step.actor else ""
    return dedupe(letters, skip=[actor_email])


@rebuildable
def step_letters(transition_id: int) -> list[Letter]:
    """The letters of one transition, read as it is now."""
    step = (
        ArticleTransition.objects.select_related("article__author__user", "actor")
        .filter(pk=transition_id)
        .first()
    )
    return [] if step is None else transition_letters(step)


def send_transition_emails(transition_id: int) -> int:
    """Send the emails of one transition; return how many were sent."""
    return deliver(step_letters, transition_id)


def proposal_letters(proposal: ArticleProposal, status: str) -> list[Letter]:
    """Who hears of a proposed update's step: editors of a submission, the
    author of a return or a publication."""
    article = proposal.article
    context = {"article": article, "proposal": proposal, "author": article.author}
    if status == ProposalStatus.SUBMITTED:
        context["review_url"] = absolute(
            reverse("admin:editorial_articleproposal_change", args=[proposal.pk])
        )
        subject = f"Update proposed: “{article}” by {article.author}"
        template = f"{TEMPLATES}proposal_submitted"
        letters = [Letter(e.email, subject, template, context) for e in editors()]
        actor = proposal.author
    elif status == ProposalStatus.RETURNED:
        context["proposal_url"] = absolute(
            reverse("editorial:proposal_edit", args=[article.pk])
        )
        subject = f"Your update to “{article}” was returned"
        template = f"{TEMPLATES}proposal_returned"
        letters = [Letter(proposal.author.email, subject, template, context)]
        actor = proposal.decided_by
    elif status == ProposalStatus.PUBLISHED:
        context["article_url"] = absolute(article.get_absolute_url())
        subject = f"Your update to “{article}” is published"
        template = f"{TEMPLATES}proposal_published"
        letters = [Letter(proposal.author.email, subject, template, context)]
        actor = proposal.decided_by
    else:
        return []
    return dedupe(letters, skip=[actor.email if actor else ""])


@rebuildable
def proposal_step_letters(proposal_id: int, status: str) -> list[Letter]:
    """The letters of one step of a proposed update, read as it is now."""
    proposal = (
        ArticleProposal.objects.select_related(
            "article__author", "author", "decided_by"
        )
        .filter(pk=proposal_id)
        .first()
    )
    return [] if proposal is None else proposal_letters(proposal, status)


def send_proposal_emails(proposal_id: int, status: str) -> int:
    """Send the emails of one step of a proposed update; return how many."""
    return deliver(proposal_step_letters, proposal_id, status)
