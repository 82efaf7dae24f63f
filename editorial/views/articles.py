"""The author's dashboard: their own articles, the editor, submitting for review.

Every article is looked up among the signed-in author's own, so another
author's id is a 404. Users without an author profile get a 403 page that
explains how to become one. An article in review or published is read-only
here: its editors have it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from blog.body import render_body
from blog.body_limits import BodyTooComplex, check_body_limits
from blog.models import Article
from core.caching import cache_or

from .. import autosave
from ..checks import check_article
from ..forms import MAX_BODY_CHARS, DashboardArticleForm
from ..models import ArticleTransition
from ..pending_covers import PendingCover
from ..proposals import open_updates
from ..workflow import WorkflowError, save_draft, submit_blocker, submit_for_review
from .access import author_or_none, not_an_author
from .autosave import editor_autosave

Status = Article.Status
GROUPS = [
    ("drafts", "Drafts"),
    ("changes_requested", "Changes requested"),
    ("submitted", "Submitted for review"),
    ("scheduled", "Scheduled"),
    ("published", "Published"),
    ("archived", "Archived"),
]


@login_required
def dashboard(request):
    author = author_or_none(request.user)
    if author is None:
        return not_an_author(request)
    articles = list(
        Article.objects.filter(author=author)
        .select_related("category")
        .defer("body", "body_source", "body_text", "toc")
        .order_by("-updated_at", "-pk")
    )
    groups = {key: [] for key, _label in GROUPS}
    for article in articles:
        key = {Status.DRAFT: "drafts"}.get(article.status, article.status)
        if article.is_scheduled:
            key = "scheduled"
        groups[key].append(article)
    notes = dict(
        ArticleTransition.objects.filter(
            article__in=groups["changes_requested"],
            to_status=Status.CHANGES_REQUESTED,
        )
        .order_by("created_at", "pk")
        .values_list("article_id", "note")
    )  # later notes replace earlier ones
    for article in groups["changes_requested"]:
        article.editor_note = notes.get(article.pk, "")
    published = groups["published"] + groups["scheduled"]
    updates = open_updates(published, by=request.user)
    for article in published:
        article.update = updates.get(article.pk)
    context = {
        "author": author,
        "groups": [(label, groups[key]) for key, label in GROUPS],
        "article_count": len(articles),
        "blocker": submit_blocker(request.user),
    }
    return render(request, "editorial/dashboard/dashboard.html", context)


@login_required
def article_create(request):
    author = author_or_none(request.user)
    if author is None:
        return not_an_author(request)
    return _edit(request, Article(author=author))


@login_required
def article_edit(request, pk):
    author = author_or_none(request.user)
    if author is None:
        return not_an_author(request)
    article = get_object_or_404(Article.objects.filter(author=author), pk=pk)
    return _edit(request, article)


def _edit(request, article):
    new = article.pk is None
    editable = article.pk is None or _editable(article)
    form = preview = None
    status = 200
    if not editable:
        if request.method == "POST":
            status = 403
            messages.error(request, _locked_message(article))
    elif request.method == "POST":
        cover = PendingCover(request)  # or the one chosen before a preview
        form = DashboardArticleForm(request.POST, cover.files, instance=article)
        cover.attach(form)
        with transaction.atomic():  # the version check's row lock lasts until saved
            valid = form.is_valid()
            saved = None
            if valid and "preview" not in request.POST:
                saved = save_draft(form, by=request.user)
        if saved is None:  # the form is shown again: keep a newly chosen cover
            cover.keep(form)
        if form.conflict is not None:
            status = 409
        elif valid and "preview" in request.POST:
            preview = form.preview_html()
        elif valid:
            if saved is not None:
                cover.discard()
                autosave.discard(user=request.user, article=None if new else saved)
                messages.success(request, "Draft saved.")
                return redirect("editorial:article_edit", pk=saved.pk)
            article.refresh_from_db()
            form, status = None, 403
            messages.error(request, _locked_message(article))
    else:
        form = DashboardArticleForm(instance=article)
    return _render_edit(request, article, form, preview=preview, status=status)


def _render_edit(request, article, form, *, preview=None, status=200):
    context = {
        "article": article,
        "form": form,
        "preview": preview,
        "autosave": editor_autosave(request, article, form),
        "locked_message": _locked_message(article) if form is None else None,
        "warnings": _warnings(article),
        "editor_note": _latest_note(article),
        "blocker": submit_blocker(request.user),
        "can_submit": article.pk and _editable(article),
    }
    return render(
        request, "editorial/dashboard/article_form.html", context, status=status
    )


def _editable(article) -> bool:
    return Status(article.status).is_editable_by_author()


def _warnings(article) -> list:
    """The editorial checks of the saved article; links as the author typed them."""
    if article.pk is None:
        return []
    return check_article(article, source=article.body_source)


def _latest_note(article) -> str:
    if article.status != Status.CHANGES_REQUESTED:
        return ""
    step = article.transitions.filter(to_status=Status.CHANGES_REQUESTED).last()
    return step.note if step else ""


def _locked_message(article) -> str:
    if article.status == Status.SUBMITTED:
        return (
            "This article is in review: you cannot change it until an editor "
            "publishes it or sends it back to you."
        )
    if article.status == Status.PUBLISHED:
        return (
            "This article is published: only editors can change it directly. "
            "Propose an update instead; readers see it once an editor publishes it."
        )
    return (
        f"This article is {article.get_status_display().lower()}: only editors "
        "can change it now."
    )


@login_required
@require_POST
def article_submit(request, pk):
    author = author_or_none(request.user)
    if author is None:
        return not_an_author(request)
    article = get_object_or_404(Article.objects.filter(author=author), pk=pk)
    blocker = submit_blocker(request.user)
    status = 403 if blocker else 200
    if blocker:
        messages.error(request, blocker["message"])
    else:
        try:
            submit_for_review(article, by=request.user)
        except WorkflowError as error:
            messages.error(request, str(error))
            status = 400
    if status != 200:
        form = DashboardArticleForm(instance=article) if _editable(article) else None
        return _render_edit(request, article, form, status=status)
    messages.success(request, f"“{article}” is submitted. An editor will review it.")
    return redirect("editorial:dashboard")


# Live previews per author per minute: the editor asks for one a moment
# after each pause in typing, far fewer than this.
PREVIEWS_PER_MINUTE = 60


def _count_preview(user) -> int:
    """Count one preview for `user` in this minute's window; 0 without a cache."""
    key = f"body-preview:{user.pk}"

    def count():
        cache.add(key, 0, timeout=60)
        try:
            return cache.incr(key)
        except ValueError:  # the window ended between add() and incr()
            cache.set(key, 1, timeout=60)
            return 1

    return cache_or(0, count)


@login_required
@require_POST
def body_preview(request):
    """The body as readers will see it, for the editor's live preview pane.

    Refused with a plain-text reason: 429 past the author's previews a
    minute, 400 for a body over the length or structure limits.
    """
    if author_or_none(request.user) is None:
        return not_an_author(request)
    if _count_preview(request.user) > PREVIEWS_PER_MINUTE:
        response = HttpResponse(
            "The preview pauses for a minute: it was asked for too often. "
            "Your text is not affected.",
            status=429,
            content_type="text/plain",
        )
        response["Retry-After"] = "60"
        return response
    source = request.POST.get("source", "").replace("\r\n", "\n")
    try:
        if len(source) > MAX_BODY_CHARS:
            raise BodyTooComplex(
                f"The body is longer than {MAX_BODY_CHARS:,} characters."
            )
        check_body_limits(source)
    except BodyTooComplex as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain")
    return HttpResponse(render_body(source).html)
