"""Every kind of email Folio sends is kept when refused and sent by its retry."""

import pytest
from django.tasks import TaskResultStatus

from accounts import tasks as account_tasks
from accounts.models import AuthorApplication
from blog.models import Article
from comments import tasks as comment_tasks
from core.mail import retry_unsent_mail
from core.models import UnsentMail
from editorial import proposals
from editorial import tasks as editorial_tasks
from editorial.models import ArticleTransition
from tests.core.mailserver import mail_server_down, mail_server_up
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db
WRITER = "writer@example.com"
EDITOR = "editor@example.com"
MODERATOR = "moderator@example.com"


@pytest.fixture(autouse=True)
def staff():
    UserFactory(groups=["Editors"], email=EDITOR)
    UserFactory(groups=["Moderators"], email=MODERATOR)


def writer():
    return AuthorFactory(user__email=WRITER, user__groups=["Authors"])


def application(status):
    user = UserFactory(email=WRITER)
    return AuthorApplication.objects.create(
        user=user, bio="Bio.", topics="Tides.", status=status
    )


def step(to_status):
    article = ArticleFactory(author=writer())
    return ArticleTransition.objects.create(
        article=article, from_status=Article.Status.DRAFT, to_status=to_status
    )


def proposal():
    article = ArticleFactory(author=writer())
    draft = proposals.start_or_get_proposal(article, by=article.author.user)
    draft.save()
    return draft


def reply():
    parent = CommentFactory(email="asker@example.org", notify_replies=True)
    return CommentFactory(parent=parent, article=parent.article)


# (kind, the task and its arguments, who gets it)
KINDS = {
    "verify_email": lambda: (
        account_tasks.send_verification_email,
        [UserFactory(email=WRITER, email_verified=False).pk],
        WRITER,
    ),
    "already_registered": lambda: (
        account_tasks.send_already_registered_email,
        [WRITER],
        WRITER,
    ),
    "change_email": lambda: (
        account_tasks.send_email_change_email,
        [UserFactory().pk, WRITER],
        WRITER,
    ),
    "password_reset": lambda: (
        account_tasks.send_password_reset_email,
        [UserFactory(email=WRITER).pk],
        WRITER,
    ),
    "application_approved": lambda: (
        account_tasks.send_application_decision_email,
        [application(AuthorApplication.Status.APPROVED).pk],
        WRITER,
    ),
    "application_declined": lambda: (
        account_tasks.send_application_decision_email,
        [application(AuthorApplication.Status.DECLINED).pk],
        WRITER,
    ),
    "application_received": lambda: (
        account_tasks.send_application_received_email,
        [application(AuthorApplication.Status.PENDING).pk],
        EDITOR,
    ),
    "new_comment": lambda: (
        comment_tasks.send_new_comment_emails,
        [CommentFactory(pending=True).pk],
        MODERATOR,
    ),
    "comment_approved": lambda: (
        comment_tasks.send_approval_emails,
        [
            CommentFactory(email="reader@example.org", notify_replies=True).pk,
            UserFactory(groups=["Moderators"]).pk,
        ],
        "reader@example.org",
    ),
    "reply_approved": lambda: (
        comment_tasks.send_approval_emails,
        [reply().pk, None],
        "asker@example.org",
    ),
    "article_comment": lambda: (
        comment_tasks.send_approval_emails,
        [CommentFactory(article__author=writer()).pk, None],
        WRITER,
    ),
    "commenter_verify": lambda: (
        comment_tasks.send_commenter_verification,
        ["reader@example.org"],
        "reader@example.org",
    ),
    "article_submitted": lambda: (
        editorial_tasks.send_transition_emails,
        [step(Article.Status.SUBMITTED).pk],
        EDITOR,
    ),
    "article_changes_requested": lambda: (
        editorial_tasks.send_transition_emails,
        [step(Article.Status.CHANGES_REQUESTED).pk],
        WRITER,
    ),
    "article_published": lambda: (
        editorial_tasks.send_transition_emails,
        [step(Article.Status.PUBLISHED).pk],
        WRITER,
    ),
    "proposal_submitted": lambda: (
        editorial_tasks.send_proposal_emails,
        [proposal().pk, "submitted"],
        EDITOR,
    ),
    "proposal_returned": lambda: (
        editorial_tasks.send_proposal_emails,
        [proposal().pk, "returned"],
        WRITER,
    ),
    "proposal_published": lambda: (
        editorial_tasks.send_proposal_emails,
        [proposal().pk, "published"],
        WRITER,
    ),
}


def refuse(settings, kind):
    """Run the task of `kind` against a mail server that is down."""
    task, args, to = KINDS[kind]()
    mail_server_down(settings)
    result = task.enqueue(*args)
    return result, UnsentMail.objects.filter(kind=kind, to=to).first()


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_email_refused_fails_its_task_and_is_kept(settings, kind):
    result, kept = refuse(settings, kind)
    assert (result.status, kept is not None) == (TaskResultStatus.FAILED, True)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_email_kept_is_sent_by_its_retry(settings, kind, mailoutbox):
    _, kept = refuse(settings, kind)
    mail_server_up(settings)
    assert retry_unsent_mail.call(kept.pk, 1) is True
    assert [m.to for m in mailoutbox] == [[kept.to]]
