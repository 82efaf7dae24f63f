"""Emails about an article's path: who hears of each step, and how.

`workflow` queues a task (editorial/tasks.py) after commit; the task calls
`send_transition_emails`, which reads the step as it is then. The editors
hear of each submission, the author of a publication or a request for
changes; nobody is emailed about their own action.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import formats, timezone

from blog.models import Article
from core.mail import Letter, absolute, dedupe, send_letters
from core.permissions import PUBLISH_ARTICLE

from .models import ArticleTransition

Status = Article.Status
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


def send_transition_emails(transition_id: int) -> int:
    """Send the emails of one transition; return how many were sent."""
    step = (
        ArticleTransition.objects.select_related("article__author__user", "actor")
        .filter(pk=transition_id)
        .first()
    )
    if step is None:
        return 0
    return send_letters(transition_letters(step))
