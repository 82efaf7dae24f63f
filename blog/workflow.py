"""The editorial path of an article, one service per step.

draft → submitted → published (now or scheduled), or submitted → changes
requested (with the editor's note) → submitted again; editors may also
publish a draft directly, and unpublish. Each step locks the article, checks
who is asking and from which status, records an `ArticleTransition`, and
after commit queues the emails it sends (blog/tasks.py): the editors hear of
each submission, the author of a publication or a request for changes.
Nobody is emailed about their own action.
"""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone

from accounts.emails import absolute, queue

from .models import Article, ArticleTransition
from .notifications import Letter, dedupe, send_letters

EDITOR_PERMISSION = "blog.publish_article"
AUTHOR_PERMISSION = "blog.add_article"
DASHBOARD_PATH = "/dashboard/"
Status = Article.Status


class WorkflowError(Exception):
    """A step that may not be taken: the message says why, for the person asking."""


def is_editor(user) -> bool:
    return user.is_active and user.has_perm(EDITOR_PERMISSION)


@transaction.atomic
def submit_for_review(article: Article, *, by) -> ArticleTransition:
    """The author hands a draft (or a revised article) to the editors."""
    locked = _lock(article)
    if locked.author.user_id != by.pk:
        raise WorkflowError("Only the article's author can submit it for review.")
    if not by.has_perm(AUTHOR_PERMISSION):
        raise WorkflowError(
            "Only members of the authors team can submit articles: "
            "your application must be approved first."
        )
    if locked.status == Status.SUBMITTED:
        raise WorkflowError("This article is already in review.")
    if locked.status not in (Status.DRAFT, Status.CHANGES_REQUESTED):
        raise WorkflowError(
            f"A {locked.get_status_display().lower()} article cannot be submitted."
        )
    return _move(article, locked, Status.SUBMITTED, by=by)


@transaction.atomic
def request_changes(article: Article, *, by, note: str) -> ArticleTransition:
    """An editor sends a submitted article back to its author, saying why."""
    _require_editor(by)
    note = (note or "").strip()
    if not note:
        raise WorkflowError("Say what should change: the note is required.")
    locked = _lock(article)
    if locked.status != Status.SUBMITTED:
        raise WorkflowError("Only an article in review can be sent back for changes.")
    return _move(article, locked, Status.CHANGES_REQUESTED, by=by, note=note)


@transaction.atomic
def publish(article: Article, *, by, when: datetime | None = None) -> ArticleTransition:
    """An editor publishes an article now, or at `when` (in the future).

    A scheduled article may be published now or scheduled again.
    """
    _require_editor(by)
    now = timezone.now()
    if when is not None and when <= now:
        raise WorkflowError("Choose a time in the future, or publish now.")
    locked = _lock(article)
    if locked.status == Status.PUBLISHED and not locked.is_scheduled:
        raise WorkflowError("This article is already published.")
    if locked.status not in (
        Status.DRAFT,
        Status.SUBMITTED,
        Status.CHANGES_REQUESTED,
        Status.PUBLISHED,
    ):
        raise WorkflowError(
            f"A {locked.get_status_display().lower()} article cannot be published."
        )
    from_status = locked.status
    locked.publish(when=when or now)
    return _move(
        article, locked, Status.PUBLISHED, by=by, from_status=from_status, when=when
    )


@transaction.atomic
def unpublish(article: Article, *, by) -> ArticleTransition:
    """An editor takes a published (or scheduled) article back to draft."""
    _require_editor(by)
    locked = _lock(article)
    if locked.status != Status.PUBLISHED:
        raise WorkflowError("Only a published or scheduled article can be unpublished.")
    locked.unpublish()
    return _move(article, locked, Status.DRAFT, by=by, from_status=Status.PUBLISHED)


def history(article: Article):
    """The article's transitions, oldest first, with who took each."""
    return article.transitions.select_related("actor")


def _require_editor(user) -> None:
    if not is_editor(user):
        raise WorkflowError("Only editors can publish, schedule or send back articles.")


def _lock(article: Article) -> Article:
    """The article as it is now in the database, locked until commit."""
    locked = (
        Article.objects.select_for_update(of=("self",))
        .select_related("author")
        .filter(pk=article.pk)
        .first()
    )
    if locked is None:
        raise WorkflowError("This article no longer exists.")
    return locked


def _move(
    article, locked, to_status, *, by, from_status=None, note="", when=None
) -> ArticleTransition:
    """Store the new status (unless already saved), record it, queue its emails."""
    from_status = from_status or locked.status
    if locked.status != to_status:
        locked.status = to_status
        locked.save(update_fields=["status", "updated_at"])
    step = ArticleTransition.objects.create(
        article=locked,
        from_status=from_status,
        to_status=to_status,
        actor=by,
        note=note,
        scheduled_for=when,
    )
    for name in ("status", "published_at", "updated_at", "slug"):
        setattr(article, name, getattr(locked, name))
    transaction.on_commit(lambda: notify_transition(step))
    return step


# Emails


def notify_transition(step: ArticleTransition) -> None:
    """Queue the emails a transition sends; never raises."""
    if step.to_status in (Status.SUBMITTED, Status.PUBLISHED, Status.CHANGES_REQUESTED):
        from .tasks import send_transition_emails

        queue(send_transition_emails, step.pk)


def editors():
    """Active users who may publish and have an email address."""
    users = get_user_model().objects.with_perm(EDITOR_PERMISSION, is_active=True)
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
            Letter(editor.email, subject, "article_submitted", context)
            for editor in editors()
        ]
    elif step.to_status == Status.CHANGES_REQUESTED:
        context["dashboard_url"] = absolute(DASHBOARD_PATH)
        subject = f"Changes requested on “{article}”"
        letters = [
            Letter(author_user.email, subject, "article_changes_requested", context)
        ]
    elif step.to_status == Status.PUBLISHED:
        context["article_url"] = absolute(article.get_absolute_url())
        if step.scheduled_for:
            when = timezone.localtime(step.scheduled_for)
            context["scheduled_for"] = formats.date_format(when, "DATETIME_FORMAT")
            subject = f"“{article}” is scheduled for publication"
        else:
            subject = f"“{article}” is published"
        letters = [Letter(author_user.email, subject, "article_published", context)]
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
