from datetime import timedelta

import pytest
from django.utils import timezone

from blog.models import Article
from editorial import notifications, workflow
from editorial.models import ArticleTransition
from editorial.workflow import WorkflowError
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def writer():
    return AuthorFactory(user__groups=["Authors"])


@pytest.fixture
def draft(writer):
    return ArticleFactory(draft=True, author=writer)


@pytest.fixture
def submitted(writer):
    return ArticleFactory(draft=True, author=writer, status=Status.SUBMITTED)


def stored_status(article):
    return Article.objects.get(pk=article.pk).status


# Submitting


def test_author_submits_their_draft_for_review(draft, writer):
    workflow.submit_for_review(draft, by=writer.user)
    assert stored_status(draft) == Status.SUBMITTED


def test_submission_updates_the_article_the_caller_holds(draft, writer):
    workflow.submit_for_review(draft, by=writer.user)
    assert draft.status == Status.SUBMITTED


def test_submission_is_recorded_with_who_and_from_where(draft, writer):
    step = workflow.submit_for_review(draft, by=writer.user)
    assert (step.actor, step.from_status, step.to_status) == (
        writer.user,
        Status.DRAFT,
        Status.SUBMITTED,
    )


def test_author_resubmits_after_changes_were_requested(writer):
    article = ArticleFactory(draft=True, author=writer, status=Status.CHANGES_REQUESTED)
    workflow.submit_for_review(article, by=writer.user)
    assert stored_status(article) == Status.SUBMITTED


def test_submitting_an_article_already_in_review_is_refused_clearly(submitted, writer):
    with pytest.raises(WorkflowError, match="already in review"):
        workflow.submit_for_review(submitted, by=writer.user)


def test_refused_submission_records_nothing(submitted, writer):
    with pytest.raises(WorkflowError):
        workflow.submit_for_review(submitted, by=writer.user)
    assert not ArticleTransition.objects.exists()


def test_a_stale_copy_cannot_submit_an_article_twice(draft, writer):
    stale = Article.objects.get(pk=draft.pk)
    workflow.submit_for_review(draft, by=writer.user)
    with pytest.raises(WorkflowError, match="already in review"):
        workflow.submit_for_review(stale, by=writer.user)


def test_a_published_article_cannot_be_submitted(writer):
    article = ArticleFactory(author=writer)
    with pytest.raises(WorkflowError, match="published article cannot be submitted"):
        workflow.submit_for_review(article, by=writer.user)


def test_another_author_cannot_submit_someone_elses_draft(draft):
    other = AuthorFactory(user__groups=["Authors"])
    with pytest.raises(WorkflowError, match="Only the article's author"):
        workflow.submit_for_review(draft, by=other.user)
    assert stored_status(draft) == Status.DRAFT


def test_an_editor_cannot_submit_an_article_for_its_author(draft, editor):
    with pytest.raises(WorkflowError, match="Only the article's author"):
        workflow.submit_for_review(draft, by=editor)


def test_an_applicant_not_yet_in_the_authors_team_cannot_submit():
    applicant = AuthorFactory()
    article = ArticleFactory(draft=True, author=applicant)
    with pytest.raises(WorkflowError, match="application must be approved"):
        workflow.submit_for_review(article, by=applicant.user)


# Requesting changes


def test_editor_sends_a_submitted_article_back_with_a_note(submitted, editor):
    step = workflow.request_changes(submitted, by=editor, note="Cite your sources.")
    assert stored_status(submitted) == Status.CHANGES_REQUESTED
    assert step.note == "Cite your sources."


@pytest.mark.parametrize("note", ["", "   \n "])
def test_request_for_changes_without_a_note_is_refused(submitted, editor, note):
    with pytest.raises(WorkflowError, match="note is required"):
        workflow.request_changes(submitted, by=editor, note=note)
    assert stored_status(submitted) == Status.SUBMITTED


def test_changes_can_be_requested_only_on_an_article_in_review(draft, editor):
    with pytest.raises(WorkflowError, match="Only an article in review"):
        workflow.request_changes(draft, by=editor, note="More.")


def test_an_author_cannot_request_changes(submitted, writer):
    with pytest.raises(WorkflowError, match="Only editors"):
        workflow.request_changes(submitted, by=writer.user, note="Fine by me.")


# Publishing


def test_editor_publishes_a_submitted_article_now(submitted, editor):
    workflow.publish(submitted, by=editor)
    assert Article.objects.published().filter(pk=submitted.pk).exists()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.CHANGES_REQUESTED])
def test_editor_may_publish_straight_from(status, writer, editor):
    article = ArticleFactory(draft=True, author=writer, status=status)
    workflow.publish(article, by=editor)
    assert stored_status(article) == Status.PUBLISHED


def test_editor_schedules_an_article_for_later(submitted, editor):
    when = timezone.now() + timedelta(days=2)
    step = workflow.publish(submitted, by=editor, when=when)
    submitted.refresh_from_db()
    assert (submitted.is_scheduled, submitted.published_at) == (True, when)
    assert step.scheduled_for == when


def test_a_time_in_the_past_cannot_be_scheduled(submitted, editor):
    with pytest.raises(WorkflowError, match="in the future"):
        workflow.publish(submitted, by=editor, when=timezone.now() - timedelta(1))
    assert stored_status(submitted) == Status.SUBMITTED


def test_a_scheduled_article_can_be_published_now(editor):
    article = ArticleFactory(scheduled=True)
    workflow.publish(article, by=editor)
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_an_article_already_public_cannot_be_published_again(editor):
    with pytest.raises(WorkflowError, match="already published"):
        workflow.publish(ArticleFactory(), by=editor)


def test_an_author_cannot_publish_their_own_article(submitted, writer):
    with pytest.raises(WorkflowError, match="Only editors"):
        workflow.publish(submitted, by=writer.user)
    assert stored_status(submitted) == Status.SUBMITTED


def test_an_inactive_editor_cannot_publish(submitted, editor):
    editor.is_active = False
    with pytest.raises(WorkflowError):
        workflow.publish(submitted, by=editor)


# Unpublishing


def test_editor_unpublishes_a_public_article_back_to_draft(editor):
    article = ArticleFactory()
    step = workflow.unpublish(article, by=editor)
    assert stored_status(article) == Status.DRAFT
    assert (step.from_status, step.to_status) == (Status.PUBLISHED, Status.DRAFT)


def test_a_draft_cannot_be_unpublished(draft, editor):
    with pytest.raises(WorkflowError, match="Only a published"):
        workflow.unpublish(draft, by=editor)


def test_an_author_cannot_unpublish(writer):
    article = ArticleFactory(author=writer)
    with pytest.raises(WorkflowError, match="Only editors"):
        workflow.unpublish(article, by=writer.user)


# History


def test_history_lists_every_step_oldest_first(draft, writer, editor):
    workflow.submit_for_review(draft, by=writer.user)
    workflow.request_changes(draft, by=editor, note="Shorter, please.")
    workflow.submit_for_review(draft, by=writer.user)
    workflow.publish(draft, by=editor)
    assert [step.to_status for step in workflow.history(draft)] == [
        Status.SUBMITTED,
        Status.CHANGES_REQUESTED,
        Status.SUBMITTED,
        Status.PUBLISHED,
    ]


def test_history_is_kept_when_the_actor_account_is_deleted(submitted, editor):
    workflow.publish(submitted, by=editor)
    editor.delete()
    [step] = workflow.history(submitted)
    assert step.actor is None


def test_a_published_article_keeps_a_redirect_from_its_old_slug(submitted, editor):
    workflow.publish(submitted, by=editor)
    old_slug = submitted.slug
    submitted.slug = "a-new-slug"
    submitted.save()
    assert submitted.slug_redirects.filter(old_slug=old_slug).exists()


def test_editors_are_active_users_with_the_publish_permission_and_an_email(editor):
    UserFactory(groups=["Editors"], email="")
    UserFactory(groups=["Editors"], is_active=False)
    UserFactory(groups=["Authors"])
    assert list(notifications.editors()) == [editor]
