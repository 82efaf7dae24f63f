"""The author's dashboard: their own articles, the editor, submitting for review.

Every article is looked up among the signed-in author's own, so another
author's id is a 404. Users without an author profile get a 403 page that
explains how to become one. An article in review or published is read-only
here: its editors have it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.models import Author, AuthorApplication

from .dashboard_forms import (
    MAX_BODY_CHARS,
    DashboardArticleForm,
    editable_source,
    markdown_html,
    render_markdown,
)
from .editorial import check_article
from .models import Article, ArticleTransition
from .revisions import record_revision
from .sanitize import add_heading_ids
from .workflow import AUTHOR_PERMISSION, WorkflowError, submit_for_review

Status = Article.Status
EDITABLE = (Status.DRAFT, Status.CHANGES_REQUESTED)
GROUPS = [
    ("drafts", "Drafts"),
    ("changes_requested", "Changes requested"),
    ("submitted", "Submitted for review"),
    ("scheduled", "Scheduled"),
    ("published", "Published"),
    ("archived", "Archived"),
]


def _author_or_none(user) -> Author | None:
    return Author.objects.filter(user=user).first()


def _not_an_author(request):
    context = {"apply_url": reverse("accounts:apply")}
    return render(request, "blog/dashboard/not_author.html", context, status=403)


def submit_blocker(user) -> dict | None:
    """Why `user` cannot submit articles yet, or None when they can."""
    if not user.email_verified:
        return {
            "reason": "unverified",
            "message": "Verify your email address first: follow the link in the "
            "email we sent when you registered.",
            "url": reverse("accounts:resend_verification"),
            "link_text": "Send the verification email again",
        }
    if user.has_perm(AUTHOR_PERMISSION):
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


@login_required
def dashboard(request):
    author = _author_or_none(request.user)
    if author is None:
        return _not_an_author(request)
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
    context = {
        "author": author,
        "groups": [(label, groups[key]) for key, label in GROUPS],
        "article_count": len(articles),
        "blocker": submit_blocker(request.user),
    }
    return render(request, "blog/dashboard/dashboard.html", context)


@login_required
def article_create(request):
    author = _author_or_none(request.user)
    if author is None:
        return _not_an_author(request)
    return _edit(request, Article(author=author))


@login_required
def article_edit(request, pk):
    author = _author_or_none(request.user)
    if author is None:
        return _not_an_author(request)
    article = get_object_or_404(Article.objects.filter(author=author), pk=pk)
    return _edit(request, article)


def _edit(request, article):
    editable = article.pk is None or article.status in EDITABLE
    form = preview = None
    status = 200
    if not editable:
        if request.method == "POST":
            status = 403
            messages.error(request, _locked_message(article))
    elif request.method == "POST":
        form = DashboardArticleForm(request.POST, request.FILES, instance=article)
        if form.is_valid() and "preview" in request.POST:
            preview = form.preview_html()
        elif form.is_valid():
            saved = save_draft(form, by=request.user)
            if saved is not None:
                messages.success(request, "Draft saved.")
                return redirect("blog:dashboard_article_edit", pk=saved.pk)
            article.refresh_from_db()
            form, status = None, 403
            messages.error(request, _locked_message(article))
    else:
        form = DashboardArticleForm(instance=article)
    return _render_edit(request, article, form, preview=preview, status=status)


@transaction.atomic
def save_draft(form, *, by) -> Article | None:
    """Save the author's form and keep a revision, all or nothing.

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
        if current is None or current["status"] not in EDITABLE:
            return None
        article.status = current["status"]
        article.published_at = current["published_at"]
    article = form.save()
    record_revision(article, by=by)
    return article


def _render_edit(request, article, form, *, preview=None, status=200):
    context = {
        "article": article,
        "form": form,
        "preview": preview,
        "locked_message": _locked_message(article) if form is None else None,
        "warnings": _warnings(article),
        "editor_note": _latest_note(article),
        "blocker": submit_blocker(request.user),
        "can_submit": article.pk and article.status in EDITABLE,
    }
    return render(request, "blog/dashboard/article_form.html", context, status=status)


def _warnings(article) -> list:
    """The editorial checks of the saved article; links as the author typed them."""
    if article.pk is None:
        return []
    source = article.body_source
    current = source and editable_source(article) == source
    raw = markdown_html(source) if current else None
    return check_article(article, raw_body=raw)


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
    return (
        f"This article is {article.get_status_display().lower()}: only editors "
        "can change it now."
    )


@login_required
@require_POST
def article_submit(request, pk):
    author = _author_or_none(request.user)
    if author is None:
        return _not_an_author(request)
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
        form = (
            DashboardArticleForm(instance=article)
            if article.status in EDITABLE
            else None
        )
        return _render_edit(request, article, form, status=status)
    messages.success(request, f"“{article}” is submitted. An editor will review it.")
    return redirect("blog:dashboard")


@login_required
@require_POST
def body_preview(request):
    """The body as readers will see it, for the editor's live preview pane."""
    if _author_or_none(request.user) is None:
        return _not_an_author(request)
    source = request.POST.get("source", "")
    if len(source) > MAX_BODY_CHARS:
        return HttpResponseBadRequest(
            f"The body is longer than {MAX_BODY_CHARS:,} characters.",
            content_type="text/plain",
        )
    html, _ = add_heading_ids(render_markdown(source))
    return HttpResponse(html)
