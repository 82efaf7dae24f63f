"""A post's comments → Folio comments, threads and states kept.

Comments are written with `bulk_create`, one batch per level of the
threads (parents before their replies), so a post with thousands of
comments costs a few queries; the bulk write recounts the article's
approved comments. Each comment is keyed by its WordPress id
(`ImportedItem`), so a second run adds only comments new in the file and
leaves the others, and the moderators' decisions since, as they are.
Replies keep their parent however deep the thread goes. Nobody is
notified: the notifications belong to posting, which an import is not.
"""

import ipaddress
import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone

from comments.models import Comment
from comments.privacy import IP_RETENTION
from core.text import without_bidi_controls

from ..models import ImportedItem
from ..records import Comment as CommentRecord
from ..records import Item
from ..report import IMPORTED, SKIPPED, UNCHANGED
from .context import Context, Kind
from .text import comment_text, cut

STATES = {
    "1": (Comment.Status.APPROVED, ""),
    "0": (Comment.Status.PENDING, "Pending in WordPress"),
    "spam": (Comment.Status.SPAM, "Marked as spam in WordPress"),
}
NOT_IMPORTED = {"trash", "post-trashed"}
LINKBACKS = {"pingback", "trackback"}
# Comment.email is required; a comment without a usable address gets this
# one, which is never shown (no email is) and reaches nobody (.invalid).
NO_EMAIL = "no-address@wordpress-import.invalid"
ANONYMOUS = "Anonymous"
BODY_LENGTH = Comment._meta.get_field("body").max_length
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_is_web_address = URLValidator(schemes=["http", "https"])


def import_comments(ctx: Context, article, item: Item) -> None:
    comments = _importable(ctx, item)
    if not comments:
        return
    done = _imported_before(ctx, comments)  # wp id → (pk, depth)
    ctx.report.count(Kind.COMMENT, UNCHANGED, len(done))
    waiting = [c for c in comments.values() if c.wp_id not in done]
    for comment in waiting:
        parent = comment.parent_wp_id
        if parent and parent not in comments and parent not in done:
            _warn(ctx, item, comment, f"its parent {parent} is not imported: top level")
            comment.parent_wp_id = 0
    while waiting:
        level = [c for c in waiting if not c.parent_wp_id or c.parent_wp_id in done]
        if not level:  # parents that answer each other: break the loop
            _warn(ctx, item, waiting[0], "its thread loops back on itself: top level")
            waiting[0].parent_wp_id = 0
            continue
        _create(ctx, article, item, level, done)
        waiting = [c for c in waiting if c.wp_id not in done]


def _importable(ctx: Context, item: Item) -> dict[int, CommentRecord]:
    """The comments to import, by wp id; linkbacks and trash counted, skipped."""
    comments = {}
    for comment in item.comments:
        if comment.type in LINKBACKS:
            ctx.report.count(comment.type, SKIPPED)
        elif comment.approved not in STATES:
            ctx.report.count(Kind.COMMENT, SKIPPED)
            if comment.approved not in NOT_IMPORTED:
                _warn(ctx, item, comment, f"unknown state “{comment.approved}”")
        elif comment.wp_id in comments:
            ctx.report.count(Kind.COMMENT, SKIPPED)
            _warn(
                ctx, item, comment, "its id is in the file twice: the second left out"
            )
        else:
            comments[comment.wp_id] = comment
    return comments


def _imported_before(ctx: Context, comments) -> dict[int, tuple[int, int]]:
    keys = ImportedItem.objects.filter(
        site=ctx.site_key, kind=Kind.COMMENT, wp_id__in=[str(i) for i in comments]
    ).values_list("wp_id", "object_id")
    wp_ids = {pk: int(wp_id) for wp_id, pk in keys}
    depths = Comment.objects.filter(pk__in=wp_ids).values_list("pk", "depth")
    return {wp_ids[pk]: (pk, depth) for pk, depth in depths}


def _create(ctx, article, item, records, done) -> None:
    rows = []
    for record in records:
        parent = done.get(record.parent_wp_id)
        rows.append(_comment(ctx, article, item, record, parent))
    Comment.objects.bulk_create(rows)
    content_type = ContentType.objects.get_for_model(Comment)
    ImportedItem.objects.bulk_create(
        ImportedItem(
            site=ctx.site_key,
            kind=Kind.COMMENT,
            wp_id=str(record.wp_id),
            content_type=content_type,
            object_id=row.pk,
        )
        for record, row in zip(records, rows, strict=True)
    )
    for record, row in zip(records, rows, strict=True):
        done[record.wp_id] = (row.pk, row.depth)
    ctx.report.count(Kind.COMMENT, IMPORTED, len(rows))


def _comment(ctx, article, item, record: CommentRecord, parent) -> Comment:
    status, held_reason = STATES[record.approved]
    created_at = record.date_gmt or item.date_gmt or timezone.now()
    body = _CONTROL.sub("", comment_text(record.content))
    if len(body) > BODY_LENGTH:
        _warn(ctx, item, record, f"cut to Folio's {BODY_LENGTH:,} characters")
        body = cut(body, BODY_LENGTH)
    name = _CONTROL.sub("", without_bidi_controls(record.author_name)).strip()
    return Comment(
        article=article,
        parent_id=parent[0] if parent else None,
        depth=parent[1] + 1 if parent else 1,
        name=cut(name, 100) or ANONYMOUS,
        email=_email(ctx, item, record),
        website=_website(record.author_url),
        body=body,
        status=status,
        held_reason=held_reason,
        ip_address=_ip(record.author_ip, created_at),
        created_at=created_at,
    )


def _email(ctx, item, record) -> str:
    email = record.author_email.strip()
    if not email:
        return NO_EMAIL
    try:
        validate_email(email)
    except ValidationError:
        _warn(ctx, item, record, "its email address is not valid: none kept")
        return NO_EMAIL
    return email


def _website(url: str) -> str:
    url = url.strip()
    try:
        _is_web_address(url)
    except ValidationError:
        return ""
    return url if len(url) <= 200 else ""


def _ip(value: str, created_at) -> str | None:
    """The address, unless it is not one or is older than the comments'
    retention (`comments.privacy`), which would forget it at its next run."""
    if created_at < timezone.now() - IP_RETENTION:
        return None
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def _warn(ctx, item, record, message) -> None:
    """A warning about one comment; its title is its post's."""
    ctx.report.warn(Kind.COMMENT, record.wp_id, item.title, message)
