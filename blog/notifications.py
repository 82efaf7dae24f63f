"""Emails about comments, sent by a background task after the request.

`notify_new_comment` and `notify_comment_approved` are the entry points; call
them after commit. They only queue a task (blog/tasks.py) and never raise:
a comment is never lost, slowed or refused because mail is down. The task
builds each email here; a send that fails is logged and the others go on.

Nobody is emailed about their own action, and nobody twice for one event:
recipients are deduplicated by address.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse

from accounts.emails import absolute, queue, send

from .models import Comment

MODERATE_PERMISSION = "blog.moderate_comment"
LINK_SALT = "blog.moderation-link"
LINK_MAX_AGE = timedelta(days=3)
LINK_ACTIONS = ("approve", "reject")
UNSUBSCRIBE_SALT = "blog.comment-unsubscribe"


class LinkError(Exception):
    """A signed link that is forged, damaged or expired; the message says which."""


def notify_new_comment(comment: Comment) -> None:
    """Queue an email to each moderator about a new comment awaiting review."""
    if comment.status != Comment.Status.PENDING:
        return  # spam waits in the queue without waking anyone
    from .tasks import send_new_comment_emails

    queue(send_new_comment_emails, comment.pk)


def notify_comment_approved(comment: Comment, *, approver=None) -> None:
    """Queue the emails an approval sends: author, commenter, the one answered."""
    from .tasks import send_approval_emails

    queue(send_approval_emails, comment.pk, approver.pk if approver else None)


def notify_commenter_verification(email: str) -> None:
    """Queue the email with the signed link that proves a commenter's address."""
    from .tasks import send_commenter_verification

    queue(send_commenter_verification, email)


# Signed links


def make_moderation_token(*, comment_id: int, action: str, moderator_id: int) -> str:
    """A link token for one moderator to take one action on one comment."""
    data = {"c": comment_id, "a": action, "u": moderator_id}
    return signing.TimestampSigner(salt=LINK_SALT).sign_object(data)


def read_moderation_token(token: str) -> tuple[int, str, int]:
    """(comment id, action, moderator id) from a token, or LinkError."""
    signer = signing.TimestampSigner(salt=LINK_SALT)
    try:
        data = signer.unsign_object(token, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkError(
            f"This link has expired: links work for {LINK_MAX_AGE.days} days. "
            "Use the moderation queue instead."
        ) from None
    except (signing.BadSignature, ValueError):
        raise LinkError("This link is not valid. Check it was copied whole.") from None
    try:
        comment_id, action, moderator_id = data["c"], data["a"], data["u"]
    except (KeyError, TypeError):
        raise LinkError("This link is not valid.") from None
    if action not in LINK_ACTIONS or not all(
        isinstance(n, int) for n in (comment_id, moderator_id)
    ):
        raise LinkError("This link is not valid.")
    return comment_id, action, moderator_id


def make_unsubscribe_token(comment: Comment) -> str:
    return signing.dumps({"c": comment.pk}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> int:
    """The comment id an unsubscribe link names, or LinkError."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        comment_id = data["c"]
    except (signing.BadSignature, ValueError, KeyError, TypeError):
        raise LinkError("This link is not valid. Check it was copied whole.") from None
    if not isinstance(comment_id, int):
        raise LinkError("This link is not valid.")
    return comment_id


# Building and sending


@dataclass
class Letter:
    to: str
    subject: str
    template: str  # blog/email/<template>.txt and .html
    context: dict = field(default_factory=dict)


def moderators():
    """Active users who may moderate and have an email address."""
    users = get_user_model().objects.with_perm(MODERATE_PERMISSION, is_active=True)
    return users.exclude(email="").order_by("pk")


def new_comment_letters(comment: Comment) -> list[Letter]:
    """One email per moderator, with that moderator's own one-click links."""
    queue_url = absolute(reverse("blog:moderation_queue"))
    letters = []
    for moderator in moderators():
        links = {
            f"{action}_url": absolute(
                reverse(
                    "blog:moderation_link",
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
        letters.append(Letter(moderator.email, subject, "new_comment", context))
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
                "comment_approved",
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
                "reply_approved",
                {**base, "parent": parent, "unsubscribe_url": unsubscribe_url(parent)},
            )
        )
    author_email = article.author.user.email
    if author_email and not same_address(author_email, comment.email):
        letters.append(
            Letter(
                author_email,
                f"New comment on your article “{article}”",
                "article_comment",
                base,
            )
        )
    return dedupe(letters, skip=[approver_email])


def unsubscribe_url(comment: Comment) -> str:
    token = make_unsubscribe_token(comment)
    return absolute(reverse("blog:comment_unsubscribe", kwargs={"token": token}))


def same_address(a: str, b: str) -> bool:
    return a.strip().lower() == b.strip().lower()


def dedupe(letters: list[Letter], *, skip=()) -> list[Letter]:
    """The first letter to each address, none to the `skip` addresses."""
    seen = {address.strip().lower() for address in skip if address}
    kept = []
    for letter in letters:
        key = letter.to.strip().lower()
        if key and key not in seen:
            seen.add(key)
            kept.append(letter)
    return kept


def send_letters(letters: list[Letter]) -> int:
    """Send each letter on its own; a failure is logged and the rest go on."""
    return sum(
        send(
            to=letter.to,
            subject=letter.subject,
            template=f"blog/email/{letter.template}",
            context=letter.context,
        )
        for letter in letters
    )


def send_new_comment_emails(comment_id: int) -> int:
    """Email the moderators about a comment still pending; return how many sent."""
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None or comment.status != Comment.Status.PENDING:
        return 0
    return send_letters(new_comment_letters(comment))


def send_approval_emails(comment_id: int, approver_id: int | None) -> int:
    """Email those who hear of an approval; return how many were sent."""
    comment = (
        Comment.objects.select_related("article__author__user", "parent")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None or comment.status != Comment.Status.APPROVED:
        return 0
    approver_email = ""
    if approver_id is not None:
        users = get_user_model().objects.filter(pk=approver_id)
        approver_email = users.values_list("email", flat=True).first() or ""
    letters = approval_letters(
        comment, approver_email=approver_email, by_moderator=approver_id is not None
    )
    return send_letters(letters)
