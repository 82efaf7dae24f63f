"""Device cookies: a browser that signed in to an account before.

OWASP's "Slow down online guessing attacks with device cookies": each
successful sign-in gives the browser a signed cookie naming the account and
a random nonce (HttpOnly, SameSite=Lax, Secure in production, a year). When
strangers' wrong passwords have locked an account, a browser showing a valid
cookie for that account is counted on a counter of its own instead
(accounts/throttle.py), so the owner still signs in; a stolen cookie gets
no more guesses than the lock allows anyone. A forged cookie, or one for
another account, counts for nothing.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model

COOKIE = "folio_device"
SALT = "accounts.device"
MAX_AGE = timedelta(days=365)


def remember(request, response, user) -> None:
    """Mark this browser as one `user` signed in from (a new nonce each time)."""
    response.set_signed_cookie(
        COOKIE,
        f"{user.pk}:{secrets.token_urlsafe(16)}",
        salt=SALT,
        max_age=MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def _cookie(request) -> tuple[str, str] | None:
    value = request.get_signed_cookie(COOKIE, default=None, salt=SALT, max_age=MAX_AGE)
    user_id, _, nonce = (value or "").partition(":")
    return (user_id, nonce) if user_id and nonce else None


def nonce_for(request, user) -> str | None:
    """The nonce of this browser's device cookie if it is `user`'s."""
    cookie = _cookie(request) if request is not None else None
    if cookie is None or cookie[0] != str(user.pk):
        return None
    return cookie[1]


def nonce_for_username(request, username: str | None) -> str | None:
    """The same for the account named `username` (a query only when the
    browser has a device cookie)."""
    cookie = _cookie(request) if request is not None and username else None
    if cookie is None:
        return None
    manager = get_user_model()._default_manager
    user = manager.filter(**{manager.model.USERNAME_FIELD: username}).first()
    return nonce_for(request, user) if user is not None else None
