"""Submitting a draft for review from the dashboard."""

import pytest
from django.urls import reverse

from accounts.models import AuthorApplication
from blog.models import Article
from editorial.models import ArticleTransition
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def draft(writer):
    return ArticleFactory(draft=True, author=writer)


def submit(client, article):
    return client.post(reverse("editorial:article_submit", args=[article.pk]))


def stored_status(article):
    return Article.objects.get(pk=article.pk).status


def test_author_submits_their_draft_and_returns_to_the_dashboard(client, writer, draft):
    client.force_login(writer.user)
    response = submit(client, draft)
    assert response.url == reverse("editorial:dashboard")
    assert stored_status(draft) == Status.SUBMITTED


def test_submission_is_recorded_as_a_transition_by_the_author(client, writer, draft):
    client.force_login(writer.user)
    submit(client, draft)
    assert ArticleTransition.objects.get().actor == writer.user


def test_author_resubmits_an_article_sent_back_for_changes(client, writer):
    article = ArticleFactory(draft=True, author=writer, status=Status.CHANGES_REQUESTED)
    client.force_login(writer.user)
    submit(client, article)
    assert stored_status(article) == Status.SUBMITTED


def test_submitting_an_article_already_in_review_is_a_clear_400(client, writer):
    article = ArticleFactory(draft=True, author=writer, status=Status.SUBMITTED)
    client.force_login(writer.user)
    response = submit(client, article)
    assert response.status_code == 400
    assert "already in review" in response.text
    assert ArticleTransition.objects.count() == 0


def test_submitting_a_published_article_is_refused_and_changes_nothing(client, writer):
    article = ArticleFactory(author=writer)
    client.force_login(writer.user)
    assert submit(client, article).status_code == 400
    assert stored_status(article) == Status.PUBLISHED


def test_unverified_registrant_cannot_submit_and_is_told_why(client):
    author = AuthorFactory(user__groups=["Authors"], user__email_verified=False)
    article = ArticleFactory(draft=True, author=author)
    client.force_login(author.user)
    response = submit(client, article)
    assert response.status_code == 403
    assert "Verify your email address" in response.text
    assert stored_status(article) == Status.DRAFT


def test_pending_applicant_cannot_submit_and_is_told_why(client):
    author = AuthorFactory(user__email_verified=True)
    AuthorApplication.objects.create(user=author.user, bio="Me", topics="Sleep")
    article = ArticleFactory(draft=True, author=author)
    client.force_login(author.user)
    response = submit(client, article)
    assert response.status_code == 403
    assert "waiting for an editor" in response.text
    assert stored_status(article) == Status.DRAFT


def test_another_authors_draft_cannot_be_submitted(client, draft):
    other = AuthorFactory(user__groups=["Authors"], user__email_verified=True)
    client.force_login(other.user)
    assert submit(client, draft).status_code == 404
    assert stored_status(draft) == Status.DRAFT


def test_submitting_needs_a_post(client, writer, draft):
    client.force_login(writer.user)
    url = reverse("editorial:article_submit", args=[draft.pk])
    assert client.get(url).status_code == 405


def test_the_submit_button_is_hidden_while_the_author_may_not_submit(client):
    author = AuthorFactory(user__email_verified=False)
    article = ArticleFactory(draft=True, author=author)
    client.force_login(author.user)
    response = client.get(reverse("editorial:article_edit", args=[article.pk]))
    assert "Submit for review" not in response.text
    assert "You cannot submit articles for review yet" in response.text
