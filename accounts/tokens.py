"""Signed links that prove an email address: registration and email change.

A link names the user and the address it proves, and works while the
account still waits for that proof: once used, the account has moved on
(verified, or switched to the new address) and the same link is refused.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

VERIFY_SALT = "accounts.verify-email"
CHANGE_SALT = "accounts.change-email"


class LinkError(Exception):
    """A link that is forged, damaged, expired or used; the message says which."""


def max_age() -> timedelta:
    return timedelta(days=settings.FOLIO_EMAIL_LINK_DAYS)


def make_verification_token(user) -> str:
    data = {"u": user.pk, "e": user.email.lower()}
    return signing.TimestampSigner(salt=VERIFY_SALT).sign_object(data)


def make_email_change_token(user, *, new_email: str) -> str:
    data = {"u": user.pk, "old": user.email.lower(), "new": new_email.lower()}
    return signing.TimestampSigner(salt=CHANGE_SALT).sign_object(data)


def read_token(token: str, *, salt: str) -> dict:
    """The data a token carries, or LinkError saying what is wrong with it."""
    try:
        data = signing.TimestampSigner(salt=salt).unsign_object(
            token, max_age=max_age()
        )
    except signing.SignatureExpired:
        raise LinkError(
            f"This link has expired: links work for {settings.FOLIO_EMAIL_LINK_DAYS}"
            " days."
        ) from None
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        raise LinkError("This link is not valid. Check it was copied whole.") from None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise LinkError("This link is not valid. Check it was copied whole.")
    return data
