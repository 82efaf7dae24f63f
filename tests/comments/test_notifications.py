"""Emails about comments: who gets one, when, and never twice or about oneself."""

import logging

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from comments import moderation, notifications, tasks
from comments.models import BlockedTerm, Comment
from core.mail import MailNotSent
from tests.comments.helpers import comment_data
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


class BrokenBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture(autouse=True)
def generous_rate_limit(settings):
    settings.FOLIO_COMMENTS_PER_MINUTE = 1000


@pytest.fixture
def moderator(db):
    return UserFactory(groups=["Moderators"], email="mod@example.com")


def post_comment(client, article, **fields):
    url = reverse("comments:comment_create", kwargs={"slug": article.slug})
    return client.post(url, comment_data(article, **fields))


def approve(comment, by, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        moderation.moderate_comment(comment=comment, action="approve", by=by)


def recipients(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


# A new comment: the moderators


def test_moderators_are_emailed_about_a_new_comment_after_commit(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        post_comment(client, article)
        assert mailoutbox == []  # nothing is sent inside the transaction
    for callback in callbacks:
        callback()
    assert recipients(mailoutbox) == ["mod@example.com"]


def test_moderator_email_has_the_queue_and_one_click_links(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, ArticleFactory(), body="Hello there")
    message = mailoutbox[0]
    assert "http://127.0.0.1:8000/moderation/" in message.body
    assert message.body.count("http://127.0.0.1:8000/moderation/c/") == 2
    assert "Hello there" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "/moderation/c/" in html


def test_links_use_the_site_url_setting(
    client, moderator, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.FOLIO_SITE_URL = "https://folio.example/"
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, ArticleFactory())
    assert "https://folio.example/moderation/c/" in mailoutbox[0].body


def test_every_moderator_and_editor_with_an_email_is_told_once(mailoutbox, moderator):
    UserFactory(groups=["Editors", "Moderators"], email="ed@example.com")
    UserFactory(groups=["Moderators"], email="")
    UserFactory(groups=["Moderators"], email="gone@example.com", is_active=False)
    UserFactory(groups=["Authors"], email="author@example.com")
    tasks.notify_new_comment(CommentFactory(pending=True))
    assert recipients(mailoutbox) == ["ed@example.com", "mod@example.com"]


def test_a_moderator_is_not_emailed_about_their_own_comment(mailoutbox, moderator):
    tasks.notify_new_comment(CommentFactory(pending=True, email="MOD@example.com"))
    assert mailoutbox == []


@pytest.mark.parametrize("status", ["spam", "approved"])
def test_no_moderator_email_for_spam_or_an_approved_comment(
    mailoutbox, moderator, status
):
    tasks.notify_new_comment(CommentFactory(status=status))
    assert mailoutbox == []


def test_spam_posted_by_a_reader_wakes_no_moderator(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    BlockedTerm.objects.create(kind=BlockedTerm.Kind.WORD, value="casino")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, ArticleFactory(), body="Best casino deals")
    assert Comment.objects.get().status == Comment.Status.SPAM
    assert mailoutbox == []


def test_a_comment_moderated_before_the_task_ran_sends_nothing(mailoutbox, moderator):
    comment = CommentFactory(rejected=True)
    assert notifications.send_new_comment_emails(comment.pk) == 0
    assert notifications.send_new_comment_emails(999999) == 0


# Failures never reach the reader


def test_a_broken_mail_server_neither_breaks_nor_loses_the_comment(
    client, moderator, settings, caplog, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.BrokenBackend"}}
    with caplog.at_level(logging.ERROR, logger="blog.notifications"):
        with django_capture_on_commit_callbacks(execute=True):
            response = post_comment(client, ArticleFactory())
    assert response.status_code == 303
    assert Comment.objects.count() == 1
    assert "Could not send the new_comment email" in caplog.text


def test_a_queue_that_refuses_the_task_is_logged_not_raised(
    client, moderator, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise RuntimeError("queue down")

    monkeypatch.setattr(type(tasks.send_new_comment_emails), "enqueue", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, ArticleFactory())
    assert response.status_code == 303
    assert "Could not queue" in caplog.text


def test_one_failed_send_does_not_stop_the_others(mailoutbox, moderator, monkeypatch):
    UserFactory(groups=["Moderators"], email="second@example.com")
    sent = []
    original = mail.EmailMultiAlternatives.send

    def flaky(message, *args, **kwargs):
        if message.to == ["mod@example.com"]:
            raise OSError("refused")
        sent.append(message.to)
        return original(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", flaky)
    with pytest.raises(MailNotSent):  # the task fails; the letter is kept
        notifications.send_new_comment_emails(CommentFactory(pending=True).pk)
    assert recipients(mailoutbox) == ["second@example.com"]


# An approval: the author, the commenter, the one answered


def test_article_author_hears_of_an_approved_comment(
    mailoutbox, moderator, django_capture_on_commit_callbacks
):
    article = ArticleFactory(author__user__email="writer@example.com")
    approve(
        CommentFactory(pending=True, article=article),
        moderator,
        django_capture_on_commit_callbacks,
    )
    assert recipients(mailoutbox) == ["writer@example.com"]
    assert "writer" not in mailoutbox[0].body  # addressed, not quoted


def test_author_who_approves_is_not_emailed_about_it(
    mailoutbox, django_capture_on_commit_callbacks
):
    article = ArticleFactory(author__user__email="writer@example.com")
    writer = article.author.user
    writer.groups.add(Group.objects.get(name="Moderators"))
    approve(
        CommentFactory(pending=True, article=article),
        writer,
        django_capture_on_commit_callbacks,
    )
    assert mailoutbox == []


def test_commenter_who_asked_hears_their_comment_is_published(
    mailoutbox, moderator, django_capture_on_commit_callbacks
):
    article = ArticleFactory(author__user__email="")
    comment = CommentFactory(
        pending=True, article=article, email="ada@example.org", notify_replies=True
    )
    approve(comment, moderator, django_capture_on_commit_callbacks)
    assert recipients(mailoutbox) == ["ada@example.org"]
    assert "/comments/unsubscribe/" in mailoutbox[0].body


def test_commenter_who_did_not_ask_hears_nothing(
    mailoutbox, moderator, django_capture_on_commit_callbacks
):
    article = ArticleFactory(author__user__email="")
    approve(
        CommentFactory(pending=True, article=article),
        moderator,
        django_capture_on_commit_callbacks,
    )
    assert mailoutbox == []


def test_commenter_who_asked_hears_of_an_approved_reply_with_an_unsubscribe_link(
    mailoutbox, moderator, django_capture_on_commit_callbacks
):
    article = ArticleFactory(author__user__email="")
    parent = CommentFactory(
        article=article, email="ada@example.org", notify_replies=True
    )
    reply = CommentFactory(pending=True, article=article, parent=parent, name="Bob")
    approve(reply, moderator, django_capture_on_commit_callbacks)
    assert recipients(mailoutbox) == ["ada@example.org"]
    assert "Bob replied" in mailoutbox[0].subject
    assert "/comments/unsubscribe/" in mailoutbox[0].body
    assert reply.email not in mailoutbox[0].body


def test_nobody_hears_of_their_own_reply_to_themselves(
    mailoutbox, moderator, django_capture_on_commit_callbacks
):
    article = ArticleFactory(author__user__email="")
    parent = CommentFactory(
        article=article, email="ada@example.org", notify_replies=True
    )
    reply = CommentFactory(
        pending=True, article=article, parent=parent, email="Ada@example.org"
    )
    approve(reply, moderator, django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_an_author_answered_on_their_own_article_gets_one_email_not_two(
    mailoutbox, moderator, django_capture_on_commit_callbacks
):
    article = ArticleFactory(author__user__email="writer@example.com")
    parent = CommentFactory(
        article=article, email="writer@example.com", notify_replies=True
    )
    reply = CommentFactory(pending=True, article=article, parent=parent)
    approve(reply, moderator, django_capture_on_commit_callbacks)
    assert recipients(mailoutbox) == ["writer@example.com"]
    assert "replied to your comment" in mailoutbox[0].subject


def test_author_is_not_told_about_their_own_comment(
    mailoutbox, moderator, django_capture_on_commit_callbacks
):
    article = ArticleFactory(author__user__email="writer@example.com")
    comment = CommentFactory(pending=True, article=article, email="writer@example.com")
    approve(comment, moderator, django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_approval_emails_wait_for_commit(
    mailoutbox, moderator, django_capture_on_commit_callbacks
):
    article = ArticleFactory(author__user__email="writer@example.com")
    with django_capture_on_commit_callbacks() as callbacks:
        moderation.moderate_comment(
            comment=CommentFactory(pending=True, article=article),
            action="approve",
            by=moderator,
        )
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1


def test_rejection_emails_nobody(
    mailoutbox, moderator, django_capture_on_commit_callbacks
):
    article = ArticleFactory(author__user__email="writer@example.com")
    comment = CommentFactory(pending=True, article=article, notify_replies=True)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.moderate_comment(comment=comment, action="reject", by=moderator)
    assert mailoutbox == []


def test_approving_from_the_queue_notifies(
    client, mailoutbox, moderator, django_capture_on_commit_callbacks
):
    article = ArticleFactory(author__user__email="writer@example.com")
    comment = CommentFactory(pending=True, article=article)
    client.force_login(moderator)
    url = reverse(
        "comments:moderation_action", kwargs={"pk": comment.pk, "action": "approve"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert recipients(mailoutbox) == ["writer@example.com"]


def test_a_trusted_commenter_approved_on_posting_is_not_told_but_others_are(
    mailoutbox,
):
    article = ArticleFactory(author__user__email="writer@example.com")
    parent = CommentFactory(
        article=article, email="bob@example.org", notify_replies=True
    )
    comment = CommentFactory(
        article=article, parent=parent, email="ada@example.org", notify_replies=True
    )
    tasks.notify_comment_approved(comment)  # as post_comment does
    assert recipients(mailoutbox) == ["bob@example.org", "writer@example.com"]
