"""Comment writes with side effects: posting a comment, proving an email."""

from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from core.caching import cache_or

from . import spam
from .models import Comment, VerifiedCommenter
from .tasks import (
    notify_comment_approved,
    notify_commenter_verification,
    notify_new_comment,
)

# One verification email per address per day, however often it comments:
# nobody can flood a stranger's inbox by typing their address.
VERIFY_RESEND_SECONDS = 24 * 60 * 60


@transaction.atomic
def post_comment(
    *,
    article,
    name: str,
    email: str,
    website: str = "",
    body: str,
    parent: Comment | None = None,
    notify_replies: bool = False,
    ip_address: str | None = None,
    proven_email: str | None = None,
) -> Comment:
    """Store a reader's comment and notify the moderators after commit.

    A blocklist match goes to spam and too many links is held, each with its
    reason; a commenter who proved this email from this browser
    (`proven_email`, from a signed cookie) is approved at once when the site
    trusts verified commenters; everyone else waits for a moderator.
    """
    verdict = spam.judge(
        name=name,
        email=email,
        body=body,
        website=website,
        ip_address=ip_address,
        trusted=is_trusted_commenter(email=email, proven_email=proven_email),
    )
    status, reason = verdict.status, verdict.reason
    comment = Comment.objects.create(
        article=article,
        parent=parent,
        name=name,
        email=email,
        website=website,
        body=body,
        notify_replies=notify_replies,
        ip_address=ip_address,
        status=status,
        held_reason=reason[: Comment._meta.get_field("held_reason").max_length],
        moderated_at=timezone.now() if status == Comment.Status.APPROVED else None,
    )
    if status == Comment.Status.PENDING:
        transaction.on_commit(partial(notify_new_comment, comment), robust=True)
    elif status == Comment.Status.APPROVED:
        transaction.on_commit(partial(notify_comment_approved, comment), robust=True)
    if status != Comment.Status.SPAM and _should_offer_verification(email):
        transaction.on_commit(
            partial(notify_commenter_verification, email), robust=True
        )
    return comment


def is_trusted_commenter(*, email: str, proven_email: str | None) -> bool:
    """The site trusts proved emails, and this browser proved this one."""
    if not (settings.FOLIO_COMMENTS_TRUST_VERIFIED and proven_email):
        return False
    email = email.strip().lower()
    if proven_email.strip().lower() != email:
        return False
    return VerifiedCommenter.objects.filter(email=email).exists()


def _should_offer_verification(email: str) -> bool:
    if not settings.FOLIO_COMMENTS_TRUST_VERIFIED:
        return False
    email = email.strip().lower()
    if VerifiedCommenter.objects.filter(email=email).exists():
        return False
    key = verification_sent_key(email)
    return cache_or(False, lambda: cache.add(key, 1, VERIFY_RESEND_SECONDS))


def verification_sent_key(email: str) -> str:
    return f"comment-verify-sent:{email.strip().lower()}"


@transaction.atomic
def verify_commenter(*, email: str) -> VerifiedCommenter:
    """Record that the owner of this email address proved it."""
    commenter, _ = VerifiedCommenter.objects.get_or_create(email=email.lower())
    return commenter
