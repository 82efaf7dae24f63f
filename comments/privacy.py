"""A commenter's data: export it, erase it, and forget old IP addresses.

Erasing deletes every comment written with the email address, its proof of
address and its pending verification mail marker. Replies that other people
wrote to those comments are kept: they move up one level in the thread (see
`delete_comment_keeping_replies`). The moderation log keeps one line per
erased comment, with no name, email or text in it.
"""

from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from core.caching import cache_or

from . import services
from .models import Comment, ModerationEvent, VerifiedCommenter
from .moderation import delete_comment_keeping_replies

IP_RETENTION = timedelta(days=90)


def commenter_comments(email: str):
    return Comment.objects.filter(email__iexact=email.strip())


def export_commenter_data(email: str) -> dict:
    """Everything stored about one email address, ready for JSON."""
    comments = commenter_comments(email).select_related("article").order_by("pk")
    verified = VerifiedCommenter.objects.filter(email__iexact=email.strip()).first()
    return {
        "email": email.strip(),
        "exported_at": timezone.now(),
        "verified_email_at": verified.verified_at if verified else None,
        "comments": [
            {
                "id": comment.pk,
                "article": comment.article.title,
                "article_url": comment.article.get_absolute_url(),
                "in_reply_to": comment.parent_id,
                "name": comment.name,
                "email": comment.email,
                "website": comment.website,
                "body": comment.body,
                "status": comment.status,
                "held_reason": comment.held_reason,
                "notify_replies": comment.notify_replies,
                "ip_address": comment.ip_address,
                "created_at": comment.created_at,
                "moderated_at": comment.moderated_at,
            }
            for comment in comments
        ],
    }


@transaction.atomic
def delete_commenter_data(email: str, *, by=None) -> int:
    """Erase everything stored for one email address; return comments deleted."""
    comments = list(commenter_comments(email).select_related("article"))
    for comment in comments:
        ModerationEvent.objects.filter(comment=comment).update(
            comment_summary=f"#{comment.pk} (erased)"
        )
        summary = f"#{comment.pk} on {comment.article}: erased on request"
        ModerationEvent.objects.create(
            comment=comment,
            comment_summary=summary[:200],
            action=ModerationEvent.Action.DELETE,
            actor=by,
        )
        delete_comment_keeping_replies(comment)
    VerifiedCommenter.objects.filter(email__iexact=email.strip()).delete()
    cache_or(None, lambda: cache.delete(services.verification_sent_key(email)))
    return len(comments)


def purge_comment_ips(*, older_than: timedelta = IP_RETENTION) -> int:
    """Forget the IP address of comments older than `older_than`; return how many."""
    cutoff = timezone.now() - older_than
    old = Comment.objects.filter(created_at__lt=cutoff, ip_address__isnull=False)
    return old.update(ip_address=None)
