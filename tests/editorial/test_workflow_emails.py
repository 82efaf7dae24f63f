import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from blog.models import Article
from editorial import tasks, workflow
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def writer():
    return AuthorFactory(user__groups=["Authors"], user__email="writer@example.com")


@pytest.fixture
def chief():
    return UserFactory(groups=["Editors"], email="chief@example.com")


@pytest.fixture
def submitted(writer):
    return ArticleFactory(
        draft=True, author=writer, status=Status.SUBMITTED, title="On Tides"
    )


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def run(service, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(*args, **kwargs)

    return run


def recipients(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


def test_each_editor_is_emailed_of_a_submission(writer, chief, run, mailoutbox):
    UserFactory(groups=["Editors"], email="second@example.com")
    article = ArticleFactory(draft=True, author=writer)
    run(workflow.submit_for_review, article, by=writer.user)
    assert recipients(mailoutbox) == ["chief@example.com", "second@example.com"]


def test_no_email_is_sent_inside_the_transaction(
    writer, chief, mailoutbox, django_capture_on_commit_callbacks
):
    article = ArticleFactory(draft=True, author=writer)
    with django_capture_on_commit_callbacks() as callbacks:
        workflow.submit_for_review(article, by=writer.user)
        assert mailoutbox == []
    assert len(callbacks) == 1


def test_submission_email_links_to_the_article_in_the_admin(
    writer, chief, run, mailoutbox
):
    article = ArticleFactory(draft=True, author=writer)
    run(workflow.submit_for_review, article, by=writer.user)
    [message] = mailoutbox
    assert f"/admin/blog/article/{article.pk}/change/" in message.body
    assert message.alternatives[0].mimetype == "text/html"


def test_resubmission_email_says_the_article_was_revised(
    writer, chief, run, mailoutbox
):
    article = ArticleFactory(draft=True, author=writer, status=Status.CHANGES_REQUESTED)
    run(workflow.submit_for_review, article, by=writer.user)
    assert "revised and resubmitted" in mailoutbox[0].body


def test_an_editor_submitting_their_own_article_is_not_emailed_about_it(
    chief, run, mailoutbox
):
    own = AuthorFactory(user=chief)
    article = ArticleFactory(draft=True, author=own)
    run(workflow.submit_for_review, article, by=chief)
    assert mailoutbox == []


def test_author_is_emailed_the_editors_note_when_sent_back(
    submitted, chief, run, mailoutbox
):
    note = "Please cite the 2019 study."
    run(workflow.request_changes, submitted, by=chief, note=note)
    [message] = mailoutbox
    assert message.to == ["writer@example.com"]
    assert note in message.body
    assert note in message.alternatives[0].content


def test_author_is_emailed_when_their_article_is_published(
    submitted, chief, run, mailoutbox
):
    run(workflow.publish, submitted, by=chief)
    [message] = mailoutbox
    assert message.to == ["writer@example.com"]
    assert message.subject == "“On Tides” is published"
    assert submitted.get_absolute_url() in message.body


def test_author_is_emailed_the_time_when_their_article_is_scheduled(
    submitted, chief, run, mailoutbox
):
    when = timezone.now() + timedelta(days=3)
    run(workflow.publish, submitted, by=chief, when=when)
    [message] = mailoutbox
    assert "scheduled" in message.subject
    assert str(timezone.localtime(when).year) in message.body


def test_an_editor_publishing_their_own_article_is_not_emailed(chief, run, mailoutbox):
    article = ArticleFactory(draft=True, author=AuthorFactory(user=chief))
    run(workflow.publish, article, by=chief)
    assert mailoutbox == []


def test_unpublishing_sends_no_email(chief, writer, run, mailoutbox):
    article = ArticleFactory(author=writer)
    run(workflow.unpublish, article, by=chief)
    assert mailoutbox == []


def test_a_failed_send_is_logged_and_the_transition_stands(
    submitted, chief, run, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", broken)
    with caplog.at_level(logging.ERROR):
        run(workflow.publish, submitted, by=chief)
    assert "Could not send the article_published email" in caplog.text
    assert Article.objects.get(pk=submitted.pk).status == Status.PUBLISHED


def test_a_failed_queue_is_logged_and_the_transition_stands(
    submitted, chief, run, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("queue down")

    monkeypatch.setattr(type(tasks.send_transition_emails), "enqueue", broken)
    with caplog.at_level(logging.ERROR):
        run(workflow.publish, submitted, by=chief)
    assert "Could not queue" in caplog.text
    assert Article.objects.get(pk=submitted.pk).status == Status.PUBLISHED
