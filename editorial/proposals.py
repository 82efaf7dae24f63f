"""Updates to published articles: an author proposes, an editor decides.

The live article stays as it is while its author writes a proposal (title,
summary, body) and while editors review it: draft → submitted → published,
or submitted → returned (with the editor's note) → submitted again; the
author may withdraw an open proposal. Publishing applies the proposal to
the article, records the change as a revision and sets `revised_at`, so
readers see "Updated on …".

A proposal remembers the article version it started from
(editorial/versions.py). If the article changed since, publishing it would
undo that change unseen, so it is refused unless the editor confirms the
version they compared it with; the author's page shows what changed, and
their next save takes the current version as its base.

Like editorial/workflow.py, each step locks its rows, checks who is asking
and from which status, and queues its emails after commit.
"""

from copy import copy

from django.db import transaction
from django.utils import timezone

from blog.body import cached_body_html
from blog.models import Article

from .diff import RevisionDiff, diff_revisions
from .models import ArticleProposal, ArticleRevision
from .revisions import record_revision, revision_from_article
from .tasks import notify_proposal
from .versions import current_version
from .workflow import WorkflowError, is_editor, submit_blocker

Status = ArticleProposal.Status
# Set by the steps, never by the author's form.
STEP_FIELDS = (
    "status",
    "base_version",
    "editor_note",
    "submitted_at",
    "decided_at",
    "decided_by_id",
)
STALE = (
    "The article changed since this update was proposed: publishing it would "
    "undo that change. Return it so the author can merge, or compare it with "
    "the current version and confirm."
)


def open_proposal(article: Article, *, by) -> ArticleProposal | None:
    """The user's open (draft, submitted or returned) proposal for the article."""
    return ArticleProposal.objects.filter(
        article=article, author=by, status__in=ArticleProposal.OPEN
    ).first()


def open_updates(articles, *, by) -> dict[int, ArticleProposal]:
    """The user's open proposals for these articles, by article id."""
    found = ArticleProposal.objects.filter(
        article__in=articles, author=by, status__in=ArticleProposal.OPEN
    ).only("article_id", "status")
    return {proposal.article_id: proposal for proposal in found}


def start_or_get_proposal(article: Article, *, by) -> ArticleProposal:
    """The author's open proposal, or a new unsaved one copied from the article.

    Only the author of a published article may propose an update to it; a
    new proposal is stored by `save_proposal`, so opening the page writes
    nothing.
    """
    _require_proposer(article, by)
    proposal = open_proposal(article, by=by)
    if proposal is not None:
        return proposal
    return ArticleProposal(
        article=article,
        author=by,
        title=article.title,
        summary=article.summary,
        body_source=article.body_source,
        base_version=current_version(article),
    )


@transaction.atomic
def save_proposal(form, *, by, seen_version: int | None = None) -> ArticleProposal:
    """Save the author's proposal form: a new proposal, or an open one's text.

    `seen_version` is the article version the author's page showed; if it is
    still the current one, the author has seen every change made since the
    proposal started, and it becomes the proposal's base.
    """
    proposal = form.instance
    article = _lock_article(proposal.article_id)
    _require_proposer(article, by)
    if proposal.author_id != by.pk:
        raise WorkflowError("Only the author of a proposal can change it.")
    if proposal.pk is not None:
        locked = _lock(proposal)
        if locked.status not in (Status.DRAFT, Status.RETURNED):
            raise WorkflowError(_locked_message(locked))
        for name in STEP_FIELDS:  # the form's copy may predate the last step
            setattr(proposal, name, getattr(locked, name))
    elif open_proposal(article, by=by) is not None:
        raise WorkflowError("You already have an update open for this article.")
    current = current_version(article)
    if proposal.pk is None:
        proposal.base_version = current
    elif seen_version == current:
        proposal.base_version = current
    return form.save()


@transaction.atomic
def submit_proposal(proposal: ArticleProposal, *, by) -> ArticleProposal:
    """The author hands their proposal (draft or returned) to the editors."""
    blocker = submit_blocker(by)
    if blocker:
        raise WorkflowError(blocker["message"])
    locked = _lock(proposal)
    if locked.author_id != by.pk:
        raise WorkflowError("Only the author of a proposal can submit it.")
    if locked.status == Status.SUBMITTED:
        raise WorkflowError("This update is already in review.")
    if locked.status not in (Status.DRAFT, Status.RETURNED):
        raise WorkflowError(_locked_message(locked))
    _require_proposer(_lock_article(locked.article_id), by)
    return _decide(proposal, locked, Status.SUBMITTED, submitted_at=timezone.now())


@transaction.atomic
def withdraw_proposal(proposal: ArticleProposal, *, by) -> ArticleProposal:
    """The author takes back an open proposal; the live article is untouched."""
    locked = _lock(proposal)
    if locked.author_id != by.pk:
        raise WorkflowError("Only the author of a proposal can withdraw it.")
    if not locked.is_open:
        raise WorkflowError(_locked_message(locked))
    return _decide(proposal, locked, Status.WITHDRAWN)


@transaction.atomic
def return_proposal(proposal: ArticleProposal, *, by, note: str) -> ArticleProposal:
    """An editor sends a submitted proposal back to its author, saying why."""
    _require_editor(by)
    note = (note or "").strip()
    if not note:
        raise WorkflowError("Say what should change: the note is required.")
    locked = _lock(proposal)
    if locked.status != Status.SUBMITTED:
        raise WorkflowError("Only an update in review can be returned.")
    return _decide(
        proposal,
        locked,
        Status.RETURNED,
        editor_note=note,
        decided_at=timezone.now(),
        decided_by=by,
    )


@transaction.atomic
def publish_proposal(
    proposal: ArticleProposal, *, by, over_version: int | None = None
) -> ArticleRevision | None:
    """An editor applies a submitted proposal to the live article.

    The change is recorded as a revision by the editor; the article's
    `revised_at` is set when the change is one readers see. If the article
    changed since the proposal started, `over_version` must name its current
    version: the one the editor compared the proposal with. Returns the
    revision, or None if the proposal matched the article already.
    """
    _require_editor(by)
    locked = _lock(proposal)
    if locked.status != Status.SUBMITTED:
        raise WorkflowError("Only an update in review can be published.")
    article = _lock_article(locked.article_id)
    if article.status != Article.Status.PUBLISHED:
        raise WorkflowError(
            "The article is no longer published: return the update to its author."
        )
    current = current_version(article)
    if current not in (locked.base_version, over_version):
        raise WorkflowError(STALE)
    article.title = locked.title
    article.summary = locked.summary
    article.body_source = locked.body_source
    article.save()
    revision = record_revision(article, by=by)
    if revision is not None and article.is_public:
        article.revised_at = revision.created_at
        article.save(update_fields=["revised_at"])
    _decide(
        proposal,
        locked,
        Status.PUBLISHED,
        decided_at=timezone.now(),
        decided_by=by,
    )
    return revision


def is_stale(proposal: ArticleProposal) -> bool:
    """True if the article changed since the proposal's base version."""
    return current_version(proposal.article) != proposal.base_version


def proposal_diff(proposal: ArticleProposal) -> RevisionDiff:
    """What publishing the proposal would change on the article as it is now."""
    live = revision_from_article(proposal.article)
    proposed = copy(live)
    proposed.title = proposal.title
    proposed.summary = proposal.summary
    proposed.body_source = proposal.body_source
    proposed.body = cached_body_html(proposal.body_source)
    return diff_revisions(live, proposed)


def changes_since_proposed(proposal: ArticleProposal) -> RevisionDiff | None:
    """What changed on the article since the proposal started; None if nothing."""
    revisions = proposal.article.revisions.select_related("category", "created_by")
    current = revisions.first()
    if current is None or current.pk == proposal.base_version:
        return None
    return diff_revisions(revisions.filter(pk=proposal.base_version).first(), current)


def _require_proposer(article: Article, user) -> None:
    if article.author.user_id != user.pk:
        raise WorkflowError("Only the article's author can propose an update to it.")
    if article.status != Article.Status.PUBLISHED:
        raise WorkflowError(
            "Only a published article takes proposed updates: edit it directly."
        )


def _require_editor(user) -> None:
    if not is_editor(user):
        raise WorkflowError("Only editors can publish or return proposed updates.")


def _locked_message(proposal: ArticleProposal) -> str:
    if proposal.status == Status.SUBMITTED:
        return (
            "This update is in review: you cannot change it until an editor "
            "publishes it or returns it to you."
        )
    return f"This update is {proposal.get_status_display().lower()}."


def _lock(proposal: ArticleProposal) -> ArticleProposal:
    """The proposal as it is now in the database, locked until commit."""
    locked = (
        ArticleProposal.objects.select_for_update(of=("self",))
        .select_related("article__author", "author")
        .filter(pk=proposal.pk)
        .first()
    )
    if locked is None:
        raise WorkflowError("This proposed update no longer exists.")
    return locked


def _lock_article(pk: int) -> Article:
    article = (
        Article.objects.select_for_update(of=("self",))
        .select_related("author")
        .filter(pk=pk)
        .first()
    )
    if article is None:
        raise WorkflowError("This article no longer exists.")
    return article


def _decide(proposal, locked, status, **fields) -> ArticleProposal:
    """Store the proposal's new status (and fields), queue its emails."""
    locked.status = status
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save(update_fields=["status", "updated_at", *fields])
    for name in ("status", "updated_at", *fields):
        setattr(proposal, name, getattr(locked, name))
    transaction.on_commit(lambda: notify_proposal(locked))
    return locked
