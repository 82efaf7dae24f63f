"""The editorial path of an article, one service per step.

draft → submitted → published (now or scheduled), or submitted → changes
requested (with the editor's note) → submitted again; editors may also
publish a draft directly, and unpublish. Which status may follow which is
`Article.Status.TRANSITIONS`. Each step locks the article, checks who is
asking and from which status, records an `ArticleTransition`, and after
commit queues the emails it sends (editorial/tasks.py). The dashboard, the
admin and anything else call these same functions.
"""

from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuthorApplication
from blog.models import Article
from core.permissions import PUBLISH_ARTICLE, SUBMIT_ARTICLE

from .models import ArticleTransition
from .revisions import record_revision
from .tasks import notify_transition

Status = Article.Status


class WorkflowError(Exception):
    """A step that may not be taken: the message says why, for the person asking."""


def is_editor(user) -> bool:
    return user.is_active and user.has_perm(PUBLISH_ARTICLE)


def submit_blocker(user) -> dict | None:
    """Why `user` cannot submit articles yet (a message, maybe a link), or None."""
    if not user.email_verified:
        return {
            "reason": "unverified",
            "message": "Verify your email address first: follow the link in the "
            "email we sent when you registered.",
            "url": reverse("accounts:resend_verification"),
            "link_text": "Send the verification email again",
        }
    if user.has_perm(SUBMIT_ARTICLE):
        return None
    application = AuthorApplication.objects.filter(user=user).first()
    status = application.status if application else None
    apply_url = reverse("accounts:apply")
    if status == AuthorApplication.Status.PENDING:
        return {
            "reason": "pending",
            "message": "Your application to join the authors team is waiting for "
            "an editor. You can write drafts meanwhile and submit them once "
            "it is approved.",
        }
    if status == AuthorApplication.Status.DECLINED:
        message = "Your application to join the authors team was declined"
        if application.editor_note:
            message += f": “{application.editor_note}”"
        return {
            "reason": "declined",
            "message": message + ". You can write drafts, but not submit them.",
            "url": apply_url,
            "link_text": "Apply again",
        }
    return {
        "reason": "no-application",
        "message": "Only members of the authors team can submit articles. "
        "Apply to join it; you can write drafts meanwhile.",
        "url": apply_url,
        "link_text": "Apply to join the authors team",
    }


@transaction.atomic
def save_draft(form, *, by) -> Article | None:
    """Save the author's article form and keep a revision, all or nothing.

    Returns None, saving nothing, if the article left the author's hands
    (submitted, published) since the form was loaded.
    """
    article = form.instance
    if article.pk is not None:
        current = (
            Article.objects.select_for_update()
            .filter(pk=article.pk)
            .values("status", "published_at")
            .first()
        )
        if current is None or not Status(current["status"]).is_editable_by_author():
            return None
        article.status = current["status"]
        article.published_at = current["published_at"]
    article = form.save()
    record_revision(article, by=by)
    return article


@transaction.atomic
def submit_for_review(article: Article, *, by) -> ArticleTransition:
    """The author hands a draft (or a revised article) to the editors."""
    locked = _lock(article)
    if locked.author.user_id != by.pk:
        raise WorkflowError("Only the article's author can submit it for review.")
    if not by.has_perm(SUBMIT_ARTICLE):
        raise WorkflowError(
            "Only members of the authors team can submit articles: "
            "your application must be approved first."
        )
    if locked.status == Status.SUBMITTED:
        raise WorkflowError("This article is already in review.")
    _require_move(locked, Status.SUBMITTED, "submitted")
    return _move(article, locked, Status.SUBMITTED, by=by)


@transaction.atomic
def request_changes(article: Article, *, by, note: str) -> ArticleTransition:
    """An editor sends a submitted article back to its author, saying why."""
    _require_editor(by)
    note = (note or "").strip()
    if not note:
        raise WorkflowError("Say what should change: the note is required.")
    locked = _lock(article)
    if not Status(locked.status).can_move_to(Status.CHANGES_REQUESTED):
        raise WorkflowError("Only an article in review can be sent back for changes.")
    return _move(article, locked, Status.CHANGES_REQUESTED, by=by, note=note)


@transaction.atomic
def publish(article: Article, *, by, when: datetime | None = None) -> ArticleTransition:
    """An editor publishes an article now, or at `when` (in the future).

    A scheduled article may be published now or scheduled again.
    """
    _require_editor(by)
    if when is not None and when <= timezone.now():
        raise WorkflowError("Choose a time in the future, or publish now.")
    locked = _lock(article)
    if locked.status == Status.PUBLISHED and not locked.is_scheduled:
        raise WorkflowError("This article is already published.")
    _require_move(locked, Status.PUBLISHED, "published")
    from_status = locked.status
    locked.publish(when=when or timezone.now())
    return _move(
        article, locked, Status.PUBLISHED, by=by, from_status=from_status, when=when
    )


def schedule(article: Article, *, by, when: datetime) -> ArticleTransition:
    """An editor sets the time an article goes public; it must be in the future."""
    if when is None:
        raise WorkflowError("Choose the time of publication.")
    return publish(article, by=by, when=when)


@transaction.atomic
def unpublish(article: Article, *, by) -> ArticleTransition:
    """An editor takes a published (or scheduled) article back to draft."""
    _require_editor(by)
    locked = _lock(article)
    if locked.status != Status.PUBLISHED:
        raise WorkflowError("Only a published or scheduled article can be unpublished.")
    locked.unpublish()
    return _move(article, locked, Status.DRAFT, by=by, from_status=Status.PUBLISHED)


def record_author_change(article: Article, *, previous, by) -> ArticleTransition:
    """Keep in the article's history that an editor credited it to someone else.

    The status does not change: the step goes from and to the same status.
    """
    _require_editor(by)
    return ArticleTransition.objects.create(
        article=article,
        from_status=article.status,
        to_status=article.status,
        actor=by,
        note=f"Author changed from {previous} to {article.author}.",
    )


def history(article: Article):
    """The article's transitions, oldest first, with who took each."""
    return article.transitions.select_related("actor")


def _require_editor(user) -> None:
    if not is_editor(user):
        raise WorkflowError("Only editors can publish, schedule or send back articles.")


def _require_move(locked: Article, to_status, verb: str) -> None:
    status = Status(locked.status)
    if not status.can_move_to(to_status):
        raise WorkflowError(f"A {status.label.lower()} article cannot be {verb}.")


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
