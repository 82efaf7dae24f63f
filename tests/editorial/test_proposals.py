"""The services of proposed updates to published articles (editorial/proposals.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from blog.models import Article
from core import pagecache
from editorial import proposals
from editorial.forms import ProposalForm
from editorial.models import ArticleProposal
from editorial.revisions import record_revision
from editorial.versions import current_version
from editorial.workflow import WorkflowError
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db
Status = ArticleProposal.Status
TEXT = {"title": "A better title", "summary": "Sharper.", "body_source": "New words."}


@pytest.fixture
def article(writer):
    article = ArticleFactory(author=writer, title="Live title", body_source="Old.")
    record_revision(article, by=writer.user)
    return article


def propose(article, user, **changes):
    """Save a proposal with TEXT (and `changes`) through the form, as the view does."""
    proposal = proposals.start_or_get_proposal(article, by=user)
    form = ProposalForm({**TEXT, **changes}, instance=proposal)
    assert form.is_valid(), form.errors
    return proposals.save_proposal(form, by=user)


def submitted(article, user):
    proposal = propose(article, user)
    return proposals.submit_proposal(proposal, by=user)


def stored(article):
    return Article.objects.get(pk=article.pk)


# Starting and saving


def test_a_new_proposal_starts_as_a_copy_of_the_live_article(article, writer):
    proposal = proposals.start_or_get_proposal(article, by=writer.user)
    assert (proposal.pk, proposal.title, proposal.body_source) == (
        None,
        "Live title",
        "Old.",
    )


def test_a_new_proposal_is_based_on_the_current_version(article, writer):
    proposal = propose(article, writer.user)
    assert proposal.base_version == current_version(article) != 0


def test_starting_again_returns_the_open_proposal(article, writer):
    proposal = propose(article, writer.user)
    assert proposals.start_or_get_proposal(article, by=writer.user) == proposal


def test_saving_a_proposal_leaves_the_live_article_unchanged(article, writer):
    propose(article, writer.user)
    assert (stored(article).title, stored(article).body_source) == (
        "Live title",
        "Old.",
    )


def test_another_author_cannot_propose_an_update(article):
    stranger = AuthorFactory(user__groups=["Authors"]).user
    with pytest.raises(WorkflowError, match="article's author"):
        proposals.start_or_get_proposal(article, by=stranger)


def test_a_draft_article_takes_no_proposal(writer):
    draft = ArticleFactory(draft=True, author=writer)
    with pytest.raises(WorkflowError, match="Only a published article"):
        proposals.start_or_get_proposal(draft, by=writer.user)


def test_a_submitted_proposal_cannot_be_saved_again(article, writer):
    proposal = submitted(article, writer.user)
    form = ProposalForm({**TEXT, "title": "Sneaky"}, instance=proposal)
    assert form.is_valid()
    with pytest.raises(WorkflowError, match="in review"):
        proposals.save_proposal(form, by=writer.user)
    assert ArticleProposal.objects.get().title == TEXT["title"]


def test_a_returned_proposal_saved_after_seeing_a_later_change_is_rebased(
    article, writer, editor
):
    proposal = submitted(article, writer.user)
    proposals.return_proposal(proposal, by=editor, note="Merge my fix.")
    article.title = "Fixed by the editor"
    article.save()
    record_revision(article, by=editor)
    seen = current_version(article)
    form = ProposalForm(TEXT, instance=ArticleProposal.objects.get())
    assert form.is_valid()
    saved = proposals.save_proposal(form, by=writer.user, seen_version=seen)
    assert saved.base_version == seen


def test_a_save_without_seeing_a_later_change_keeps_the_old_base(
    article, writer, editor
):
    proposal = propose(article, writer.user)
    base = proposal.base_version
    article.title = "Fixed by the editor"
    article.save()
    record_revision(article, by=editor)
    form = ProposalForm(TEXT, instance=ArticleProposal.objects.get())
    assert form.is_valid()
    saved = proposals.save_proposal(form, by=writer.user, seen_version=base)
    assert saved.base_version == base


def test_saving_keeps_what_the_steps_recorded_since_the_form_was_loaded(
    article, writer, editor
):
    proposal = submitted(article, writer.user)
    proposals.return_proposal(proposal, by=editor, note="First note.")
    loaded = ArticleProposal.objects.get()
    ArticleProposal.objects.update(editor_note="Second note.")
    form = ProposalForm(TEXT, instance=loaded)
    assert form.is_valid()
    proposals.save_proposal(form, by=writer.user)
    assert ArticleProposal.objects.get().editor_note == "Second note."


# Submitting and withdrawing


def test_author_submits_their_proposal_for_review(article, writer):
    proposal = submitted(article, writer.user)
    assert (proposal.status, proposal.submitted_at is not None) == (
        Status.SUBMITTED,
        True,
    )


def test_submitting_needs_the_author_permission(article):
    applicant = article.author.user
    applicant.groups.clear()
    proposal = propose(article, applicant)
    with pytest.raises(WorkflowError, match="authors team"):
        proposals.submit_proposal(proposal, by=applicant)


def test_submitting_twice_is_refused_clearly(article, writer):
    proposal = submitted(article, writer.user)
    with pytest.raises(WorkflowError, match="already in review"):
        proposals.submit_proposal(proposal, by=writer.user)


def test_author_withdraws_their_open_proposal(article, writer):
    proposal = submitted(article, writer.user)
    proposals.withdraw_proposal(proposal, by=writer.user)
    assert ArticleProposal.objects.get().status == Status.WITHDRAWN


def test_after_withdrawing_the_author_may_start_a_new_proposal(article, writer):
    proposals.withdraw_proposal(propose(article, writer.user), by=writer.user)
    assert proposals.start_or_get_proposal(article, by=writer.user).pk is None


# Returning


def test_editor_returns_a_proposal_with_a_note(article, writer, editor):
    proposal = submitted(article, writer.user)
    proposals.return_proposal(proposal, by=editor, note="Cite the source.")
    returned = ArticleProposal.objects.get()
    assert (returned.status, returned.editor_note, returned.decided_by) == (
        Status.RETURNED,
        "Cite the source.",
        editor,
    )


def test_returning_without_a_note_is_refused(article, writer, editor):
    proposal = submitted(article, writer.user)
    with pytest.raises(WorkflowError, match="note is required"):
        proposals.return_proposal(proposal, by=editor, note="   ")


def test_an_author_cannot_return_a_proposal(article, writer):
    proposal = submitted(article, writer.user)
    with pytest.raises(WorkflowError, match="Only editors"):
        proposals.return_proposal(proposal, by=writer.user, note="Mine.")


# Publishing


def test_publishing_applies_the_proposal_to_the_live_article(article, writer, editor):
    proposals.publish_proposal(submitted(article, writer.user), by=editor)
    live = stored(article)
    assert (live.title, live.summary, live.body_source) == (
        TEXT["title"],
        TEXT["summary"],
        TEXT["body_source"],
    )


def test_publishing_renders_the_new_body(article, writer, editor):
    proposals.publish_proposal(submitted(article, writer.user), by=editor)
    assert "New words." in stored(article).body


def test_publishing_records_a_revision_by_the_editor(article, writer, editor):
    revision = proposals.publish_proposal(submitted(article, writer.user), by=editor)
    assert (revision.created_by, revision.title) == (editor, TEXT["title"])


def test_publishing_sets_the_date_readers_see_as_updated(article, writer, editor):
    proposals.publish_proposal(submitted(article, writer.user), by=editor)
    assert stored(article).revised_at is not None


def test_publishing_marks_the_proposal_published_by_the_editor(article, writer, editor):
    proposals.publish_proposal(submitted(article, writer.user), by=editor)
    proposal = ArticleProposal.objects.get()
    assert (proposal.status, proposal.decided_by) == (Status.PUBLISHED, editor)


def test_publishing_an_unchanged_proposal_sets_no_update_date(article, writer, editor):
    proposal = proposals.start_or_get_proposal(article, by=writer.user)
    form = ProposalForm(
        {"title": article.title, "summary": article.summary, "body_source": "Old."},
        instance=proposal,
    )
    assert form.is_valid()
    proposal = proposals.save_proposal(form, by=writer.user)
    proposals.submit_proposal(proposal, by=writer.user)
    proposals.publish_proposal(proposal, by=editor)
    assert stored(article).revised_at is None


def test_publishing_ends_the_cached_pages(article, writer, editor):
    proposal = submitted(article, writer.user)
    pagecache.start_generation()
    before = pagecache.current_generation()
    proposals.publish_proposal(proposal, by=editor)
    assert pagecache.current_generation() != before


def test_a_non_editor_cannot_publish_a_proposal(article, writer):
    proposal = submitted(article, writer.user)
    with pytest.raises(WorkflowError, match="Only editors"):
        proposals.publish_proposal(proposal, by=writer.user)
    assert stored(article).title == "Live title"


def test_a_draft_proposal_cannot_be_published(article, writer, editor):
    proposal = propose(article, writer.user)
    with pytest.raises(WorkflowError, match="in review"):
        proposals.publish_proposal(proposal, by=editor)


def test_a_proposal_made_stale_by_a_later_change_is_not_published(
    article, writer, editor
):
    proposal = submitted(article, writer.user)
    article.title = "Corrected by an editor"
    article.save()
    record_revision(article, by=editor)
    with pytest.raises(WorkflowError, match="changed since this update"):
        proposals.publish_proposal(proposal, by=editor)
    assert stored(article).title == "Corrected by an editor"


def test_editor_may_publish_a_stale_proposal_over_the_version_they_compared(
    article, writer, editor
):
    proposal = submitted(article, writer.user)
    article.title = "Corrected by an editor"
    article.save()
    record_revision(article, by=editor)
    proposals.publish_proposal(
        proposal, by=editor, over_version=current_version(article)
    )
    assert stored(article).title == TEXT["title"]


def test_a_proposal_for_an_unpublished_article_is_not_published(
    article, writer, editor
):
    proposal = submitted(article, writer.user)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    with pytest.raises(WorkflowError, match="no longer published"):
        proposals.publish_proposal(proposal, by=editor)


def test_a_scheduled_article_gets_no_update_date(writer, editor):
    later = timezone.now() + timedelta(days=1)
    article = ArticleFactory(author=writer, published_at=later)
    record_revision(article, by=writer.user)
    proposals.publish_proposal(submitted(article, writer.user), by=editor)
    assert stored(article).revised_at is None


# Emails


def test_editors_hear_of_a_submitted_proposal(
    article, writer, editor, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = propose(article, writer.user)
    with django_capture_on_commit_callbacks(execute=True):
        proposals.submit_proposal(proposal, by=writer.user)
    assert [m.to for m in mailoutbox] == [[editor.email]]


def test_the_author_hears_of_a_returned_proposal_with_the_note(
    article, writer, editor, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = submitted(article, writer.user)
    with django_capture_on_commit_callbacks(execute=True):
        proposals.return_proposal(proposal, by=editor, note="Cite the source.")
    assert "Cite the source." in mailoutbox[0].body


def test_the_author_hears_of_a_published_proposal(
    article, writer, editor, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = submitted(article, writer.user)
    with django_capture_on_commit_callbacks(execute=True):
        proposals.publish_proposal(proposal, by=editor)
    assert (mailoutbox[0].to, "is published" in mailoutbox[0].subject) == (
        [writer.user.email],
        True,
    )
