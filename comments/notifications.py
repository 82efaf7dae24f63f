"""Emails about comments: who hears of a new comment or an approval, and how.

Services queue a task (comments/tasks.py) after commit, passing ids; the
task calls a `send_*` function here, which hands a `@rebuildable` builder to
`core.mail.deliver`: it reads the rows as they are then (and again at each
retry), makes the links, and sends each letter on its own. Nobody is emailed
about their own action, and nobody twice for one event: recipients are
deduplicated.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from core import links
from core.mail import Letter, absolute, dedupe, deliver, rebuildable, same_address
from core.permissions import MODERATE_COMMENT

from .models import Comment

LINK_ACTIONS = ("approve", "reject")
TEMPLATES = "comments/email/"


def make_moderation_token(*, comment_id: int, action: str, moderator_id: int) -> str:
    """A link token for one moderator to take one action on one comment."""
    data = {"c": comment_id, "a": action, "u": moderator_id}
    return links.make_token(links.MODERATE_COMMENT, data)


def read_moderation_token(token: str) -> tuple[int, str, int]:
    """(comment id, action, moderator id) from a token, or LinkError."""
    data = links.read_token(links.MODERATE_COMMENT, token)
    comment_id, action, moderator_id = data.get("c"), data.get("a"), data.get("u")
    if action not in LINK_ACTIONS or not all(
        isinstance(n, int) for n in (comment_id, moderator_id)
    ):
        raise links.LinkError(links.INVALID)
    return comment_id, action, moderator_id


def make_unsubscribe_token(comment: Comment) -> str:
    return links.make_token(links.UNSUBSCRIBE, {"c": comment.pk})


def read_unsubscribe_token(token: str) -> int:
    """The comment id an unsubscribe link names, or LinkError."""
    comment_id = links.read_token(links.UNSUBSCRIBE, token).get("c")
    if not isinstance(comment_id, int):
        raise links.LinkError(links.INVALID)
    return comment_id


def make_verification_token(email: str) -> str:
    return links.make_token(links.VERIFY_COMMENTER, {"email": email.strip().lower()})


def read_verification_token(token: str) -> str:
    """The email a commenter's verification link proves, or LinkError."""
    email = links.read_token(links.VERIFY_COMMENTER, token).get("email")
    if not (isinstance(email, str) and email):
        raise links.LinkError(links.INVALID)
    return email


def moderators():
    """Active users who may moderate and have an email address."""
    users = get_user_model().objects.with_perm(MODERATE_COMMENT, is_active=True)
    return users.exclude(email="").order_by("pk")


def new_comment_letters(comment: Comment) -> list[Letter]:
    """One email per moderator, with that moderator's own one-click links."""
    queue_url = absolute(reverse("comments:moderation_queue"))
    letters = []
    for moderator in moderators():
        links = {
            f"{action}_url": absolute(
                reverse(
                    "comments:moderation_link",
                    kwargs={
                        "token": make_moderation_token(
                            comment_id=comment.pk,
                            action=action,
                            moderator_id=moderator.pk,
                        )
                    },
                )
            )
            for action in LINK_ACTIONS
        }
        context = {"comment": comment, "queue_url": queue_url, **links}
        subject = f"New comment awaiting moderation on “{comment.article}”"
        letters.append(
            Letter(moderator.email, subject, f"{TEMPLATES}new_comment", context)
        )
    return dedupe(letters, skip=[comment.email])  # a moderator's own comment


def approval_letters(
    comment: Comment, *, approver_email: str = "", by_moderator: bool = True
) -> list[Letter]:
    """Who hears that `comment` was approved, in order of precedence.

    A comment approved as it was posted (a trusted commenter, no moderator)
    was the commenter's own doing, and they saw it published: no letter
    tells them so.
    """
    article = comment.article
    comment_url = absolute(comment.get_absolute_url())
    base = {"comment": comment, "article": article, "comment_url": comment_url}
    letters = []
    if comment.notify_replies and by_moderator:
        letters.append(
            Letter(
                comment.email,
                f"Your comment on “{article}” is published",
                f"{TEMPLATES}comment_approved",
                {**base, "unsubscribe_url": unsubscribe_url(comment)},
            )
        )
    parent = comment.parent
    if (
        parent is not None
        and parent.notify_replies
        and parent.status == Comment.Status.APPROVED
        and not same_address(parent.email, comment.email)
    ):
        letters.append(
            Letter(
                parent.email,
                f"{comment.name} replied to your comment on “{article}”",
                f"{TEMPLATES}reply_approved",
                {**base, "parent": parent, "unsubscribe_url": unsubscribe_url(parent)},
            )
        )
    author_email = article.author.user.email
    if author_email and not same_address(author_email, comment.email):
        letters.append(
            Letter(
                author_email,
                f"New comment on your article “{article}”",
                f"{TEMPLATES}article_comment",
                base,
            )
        )
    return dedupe(letters, skip=[approver_email])


def unsubscribe_url(comment: Comment) -> str:
    token = make_unsubscribe_token(comment)
    return absolute(reverse("comments:comment_unsubscribe", kwargs={"token": token}))


@rebuildable
def pending_comment_letters(comment_id: int) -> list[Letter]:
    """The moderators' letters about a comment, while it is still pending."""
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None or comment.status != Comment.Status.PENDING:
        return []
    return new_comment_letters(comment)


@rebuildable
def approved_comment_letters(comment_id: int, approver_id: int | None) -> list[Letter]:
    """The letters of an approval, while the comment is still approved."""
    comment = (
        Comment.objects.select_related("article__author__user", "parent")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None or comment.status != Comment.Status.APPROVED:
        return []
    approver_email = ""
    if approver_id is not None:
        users = get_user_model().objects.filter(pk=approver_id)
        approver_email = users.values_list("email", flat=True).first() or ""
    return approval_letters(
        comment, approver_email=approver_email, by_moderator=approver_id is not None
    )


@rebuildable
def commenter_verification_letters(email: str) -> list[Letter]:
    """A signed link proving a commenter's address."""
    path = reverse(
        "comments:commenter_verify", kwargs={"token": make_verification_token(email)}
    )
    return [
        Letter(
            to=email,
            subject=(
                f"Confirm your email address for comments on {settings.FOLIO_SITE_NAME}"
            ),
            template=f"{TEMPLATES}commenter_verify",
            context={
                "verify_url": absolute(path),
                "days": settings.FOLIO_EMAIL_LINK_DAYS,
            },
        )
    ]


def send_new_comment_emails(comment_id: int) -> int:
    """Email the moderators about a comment still pending; return how many sent."""
    return deliver(pending_comment_letters, comment_id)


def send_approval_emails(comment_id: int, approver_id: int | None) -> int:
    """Email those who hear of an approval; return how many were sent."""
    return deliver(approved_comment_letters, comment_id, approver_id)


def send_verification_email(email: str) -> int:
    """Mail a signed link proving a commenter's address."""
    return deliver(commenter_verification_letters, email)
