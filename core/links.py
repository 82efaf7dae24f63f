"""Signed links: one helper, one error, every kind's salt beside its lifetime.

A link token is the signed, timestamped data of one `LinkKind`. Its salt
keeps kinds apart (a moderation token never opens an email change) and its
lifetime comes from a setting, read when a token is checked.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing


class LinkError(Exception):
    """A link that is forged, damaged or expired; the message says which."""


@dataclass(frozen=True)
class LinkKind:
    salt: str
    lifetime_setting: str | None  # days, in settings; None: never expires
    expired_hint: str = ""  # what to do instead, added to "has expired"

    def lifetime_days(self) -> int | None:
        if self.lifetime_setting is None:
            return None
        return getattr(settings, self.lifetime_setting)


VERIFY_EMAIL = LinkKind("accounts.verify-email", "FOLIO_EMAIL_LINK_DAYS")
CHANGE_EMAIL = LinkKind("accounts.change-email", "FOLIO_EMAIL_LINK_DAYS")
VERIFY_COMMENTER = LinkKind(
    "comments.verify-commenter",
    "FOLIO_EMAIL_LINK_DAYS",
    "Post another comment to get a new one.",
)
MODERATE_COMMENT = LinkKind(
    "comments.moderate",
    "FOLIO_MODERATION_LINK_DAYS",
    "Use the moderation queue instead.",
)
UNSUBSCRIBE = LinkKind("comments.unsubscribe", None)
# A shared preview of an unpublished article: its row (editorial.PreviewLink)
# keeps the expiry and the revocation, so the signature itself never expires.
PREVIEW_ARTICLE = LinkKind("editorial.preview-article", None)

INVALID = "This link is not valid. Check it was copied whole."


def make_token(kind: LinkKind, data: dict) -> str:
    return signing.TimestampSigner(salt=kind.salt).sign_object(data)


def read_token(kind: LinkKind, token: str) -> dict:
    """The data a token of this kind carries, or LinkError saying what is wrong."""
    days = kind.lifetime_days()
    max_age = timedelta(days=days) if days is not None else None
    try:
        data = signing.TimestampSigner(salt=kind.salt).unsign_object(
            token, max_age=max_age
        )
    except signing.SignatureExpired:
        message = f"This link has expired: links work for {days} days."
        raise LinkError(f"{message} {kind.expired_hint}".strip()) from None
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        raise LinkError(INVALID) from None
    if not isinstance(data, dict):
        raise LinkError(INVALID)
    return data
