"""Failed sign-ins, counted per username and per client address in the cache.

After `FOLIO_LOGIN_MAX_FAILURES` failures within `FOLIO_LOGIN_LOCKOUT_SECONDS`
the username, or the address, is refused for that long, right password or
not. A successful sign-in forgets its username's failures, never its
address's: a right guess for one account does not unlock an address that is
trying many. With the shared cache down the failures are counted in each
process's memory instead (core/caching.py), and a warning is logged: the
lock still holds, per worker, until the cache is back.
"""

import hashlib
import time

from django.conf import settings

from core.caching import counted_in


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
    keys = _keys(username=username, ip=ip)
    entries = counted_in(lambda cache: cache.get_many(keys))
    return any(len(_live(entry, moment)) >= limit for entry in entries.values())


def record_failure(*, username: str | None, ip: str | None) -> None:
    moment = now()
    window = settings.FOLIO_LOGIN_LOCKOUT_SECONDS
    keys = _keys(username=username, ip=ip)
    limit = settings.FOLIO_LOGIN_MAX_FAILURES

    def add_failure(cache):
        entries = cache.get_many(keys)
        updated = {k: [*_live(entries.get(k), moment), moment][-limit:] for k in keys}
        cache.set_many(updated, timeout=window + 60)

    counted_in(add_failure)


def record_success(*, username: str | None) -> None:
    counted_in(lambda cache: cache.delete_many(_keys(username=username, ip=None)))


def lockout_minutes() -> int:
    return max(1, round(settings.FOLIO_LOGIN_LOCKOUT_SECONDS / 60))
