"""Proposing an update to a published article from the dashboard.

The author writes the update beside a diff against the live article, saves
it, submits it for review, or withdraws it; readers see the live article
until an editor publishes the update (editorial/proposals.py). As
everywhere on the dashboard, articles are looked up among the author's own.
"""

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from blog.models import Article

from ..forms import ProposalForm
from ..models import ArticleProposal
from ..proposals import (
    changes_since_proposed,
    open_proposal,
    proposal_diff,
    save_proposal,
    start_or_get_proposal,
    submit_proposal,
    withdraw_proposal,
)
from ..versions import current_version
from ..workflow import WorkflowError, submit_blocker
from .access import author_or_none, not_an_author

Status = ArticleProposal.Status
EDITABLE = (Status.DRAFT, Status.RETURNED)


def _own_article(request, pk):
    """The signed-in author's article, or None when they have no profile."""
    author = author_or_none(request.user)
    if author is None:
        return None
    return get_object_or_404(
        Article.objects.select_related("author", "category"), author=author, pk=pk
    )


@login_required
def proposal_edit(request, pk):
    article = _own_article(request, pk)
    if article is None:
        return not_an_author(request)
    if article.status != Article.Status.PUBLISHED:
        messages.info(
            request, "Only a published article takes proposed updates: edit it here."
        )
        return redirect("editorial:article_edit", pk=article.pk)
    proposal = start_or_get_proposal(article, by=request.user)
    seen = current_version(article)
    if proposal.status not in EDITABLE:
        status = 200
        if request.method == "POST":
            messages.error(request, _in_review_message())
            status = 403
        return _render(request, proposal, None, status=status)
    if request.method != "POST":
        form = ProposalForm(instance=proposal, seen_version=seen)
        return _render(request, proposal, form)
    submit = "submit" in request.POST
    blocker = submit_blocker(request.user) if submit else None
    # A copy: what the author sent changes the form's instance, even when it
    # is refused, and the page compares the stored proposal.
    form = ProposalForm(request.POST, instance=copy(proposal), seen_version=seen)
    if blocker:
        messages.error(request, blocker["message"])
        return _render(request, proposal, form, status=403)
    if not form.is_valid():
        return _render(request, proposal, form)
    try:
        with transaction.atomic():
            saved = save_proposal(
                form, by=request.user, seen_version=form.cleaned_data["seen_version"]
            )
            if submit:
                submit_proposal(saved, by=request.user)
    except WorkflowError as error:
        messages.error(request, str(error))
        proposal = start_or_get_proposal(article, by=request.user)
        form = ProposalForm(request.POST, instance=copy(proposal), seen_version=seen)
        return _render(request, proposal, form, status=400)
    if submit:
        messages.success(
            request,
            f"Your update to “{article}” is submitted. Readers see the article as "
            "it is until an editor publishes the update.",
        )
        return redirect("editorial:dashboard")
    messages.success(request, "Update saved. Readers still see the live article.")
    return redirect("editorial:proposal_edit", pk=article.pk)


@login_required
@require_POST
def proposal_withdraw(request, pk):
    article = _own_article(request, pk)
    if article is None:
        return not_an_author(request)
    proposal = open_proposal(article, by=request.user)
    if proposal is None:
        raise Http404("No open update for this article.")
    try:
        withdraw_proposal(proposal, by=request.user)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect("editorial:proposal_edit", pk=article.pk)
    messages.success(request, "Update withdrawn. The live article is unchanged.")
    return redirect("editorial:dashboard")


def _render(request, proposal, form, *, status=200):
    context = {
        "article": proposal.article,
        "proposal": proposal,
        "form": form,
        "diff": proposal_diff(proposal),
        "changed_since": changes_since_proposed(proposal) if proposal.pk else None,
        "blocker": submit_blocker(request.user),
        "in_review_message": None if form else _in_review_message(),
    }
    return render(
        request, "editorial/dashboard/proposal_form.html", context, status=status
    )


def _in_review_message() -> str:
    return (
        "This update is in review: you cannot change it until an editor "
        "publishes it or returns it to you. You may withdraw it."
    )
