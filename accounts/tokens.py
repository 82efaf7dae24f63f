"""Signed links that prove an email address: registration and email change.

A link names the user and the address it proves, and works while the
account still waits for that proof: once used, the account has moved on
(verified, or switched to the new address) and the same link is refused.
"""

from core import links
from core.links import LinkError

__all__ = ["LinkError", "make_verification_token", "make_email_change_token"]


def make_verification_token(user) -> str:
    return links.make_token(links.VERIFY_EMAIL, {"u": user.pk, "e": user.email.lower()})


def make_email_change_token(user, *, new_email: str) -> str:
    data = {"u": user.pk, "old": user.email.lower(), "new": new_email.lower()}
    return links.make_token(links.CHANGE_EMAIL, data)


def read_token(token: str, *, kind: links.LinkKind) -> dict:
    """The data a token carries, or LinkError saying what is wrong with it."""
    data = links.read_token(kind, token)
    if not isinstance(data.get("u"), int):
        raise LinkError(links.INVALID)
    return data
