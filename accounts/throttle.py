"""Failed sign-ins, counted per username and per client address in the cache.

After `FOLIO_LOGIN_MAX_FAILURES` failures within `FOLIO_LOGIN_LOCKOUT_SECONDS`
the username, or the address, is refused for that long, right password or
not. A successful sign-in forgets its username's failures, never its
address's: a right guess for one account does not unlock an address that is
trying many. With the cache down nobody is locked out: signing in goes on,
unthrottled, and a warning is logged.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from core.caching import cache_or


def now() -> float:
    return time.time()


def _keys(*, username: str | None, ip: str | None) -> list[str]:
    keys = []
    if username:
        digest = hashlib.sha256(username.strip().lower().encode()).hexdigest()
        keys.append(f"login-failures:user:{digest}")
    if ip:
        keys.append(f"login-failures:ip:{ip}")
    return keys


def _live(entry, moment: float) -> list[float]:
    """The failure times in `entry` still inside the window."""
    window = settings.FOLIO_LOGIN_LOCKOUT_SECONDS
    return [t for t in (entry or []) if moment - t < window]


def is_locked(*, username: str | None, ip: str | None) -> bool:
    """Has this username or this address failed too often lately?"""
    moment = now()
    limit = settings.FOLIO_LOGIN_MAX_FAILURES
    entries = cache_or({}, lambda: cache.get_many(_keys(username=username, ip=ip)))
    return any(len(_live(entry, moment)) >= limit for entry in entries.values())


def record_failure(*, username: str | None, ip: str | None) -> None:
    moment = now()
    window = settings.FOLIO_LOGIN_LOCKOUT_SECONDS
    keys = _keys(username=username, ip=ip)
    entries = cache_or({}, lambda: cache.get_many(keys))
    limit = settings.FOLIO_LOGIN_MAX_FAILURES
    updated = {key: [*_live(entries.get(key), moment), moment][-limit:] for key in keys}
    cache_or(None, lambda: cache.set_many(updated, timeout=window + 60))


def record_success(*, username: str | None) -> None:
    cache_or(None, lambda: cache.delete_many(_keys(username=username, ip=None)))


def lockout_minutes() -> int:
    return max(1, round(settings.FOLIO_LOGIN_LOCKOUT_SECONDS / 60))
