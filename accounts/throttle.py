"""Limits on guessing and on mail, counted in the shared cache.

Sign-ins: each attempt is counted against the account and the client
address *before* the password is looked at, with the cache's atomic
`add()` and `incr()`, and refused unconfirmed when either count has passed
`FOLIO_LOGIN_MAX_FAILURES`. A burst of simultaneous guesses therefore gets
at most that many passwords checked, whichever worker or app server
answers them (Redis is shared and its `incr` atomic; the local-memory
cache of development counts in each process). A count lives
`FOLIO_LOGIN_LOCKOUT_SECONDS` from its first failure. A successful sign-in
gives its address's count back and forgets its account's.

A browser that signed in to the account before (accounts/devices.py)
is counted on its own device counter instead of the account's, so that
strangers failing against the account cannot lock its owner out; the
address's count applies to everybody.

Mail that anyone can ask for (a password reset, the verification link
again) is limited per address and per client address (`allow_email`).

With the shared cache down everything counts in each process's memory
(core/caching.py): the limits still hold, per worker, until it is back.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings

from core.caching import counted_in

MAIL_WINDOW_SECONDS = 60 * 60


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def account_key(username: str) -> str:
    return f"login-failures:user:{_digest(username.strip().lower())}"


def device_key(username: str, nonce: str) -> str:
    return f"login-failures:device:{_digest(f'{username.strip().lower()}|{nonce}')}"


def address_key(ip: str) -> str:
    return f"login-failures:ip:{ip}"


def count_one(cache, key: str, *, timeout: int) -> int:
    """Add one to the count at `key` (atomic); the new count."""
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # it expired between add() and incr()
        cache.add(key, 0, timeout=timeout)
        return cache.incr(key)


def _uncount(cache, key: str) -> None:
    try:
        cache.decr(key)
    except ValueError:  # expired meanwhile: nothing to give back
        pass


@dataclass(frozen=True)
class Attempt:
    """One sign-in attempt, already counted as a failure."""

    account: str | None  # its account's (or device's) key
    address: str | None  # its client address's key

    def succeeded(self) -> None:
        """The password was right: forget the account's failures and give
        the address its count back (an address is limited in failures)."""

        def forget(cache):
            if self.account:
                cache.delete(self.account)
            if self.address:
                _uncount(cache, self.address)

        counted_in(forget)

    def refused_otherwise(self) -> None:
        """Not a wrong password (an inactive account, say): give both back."""
        keys = [k for k in (self.account, self.address) if k]
        counted_in(lambda cache: [_uncount(cache, k) for k in keys])


def begin(*, username: str | None, ip: str | None, device: str | None = None):
    """Count an attempt for `username` from `ip` before checking it: the
    Attempt, or None when a limit is reached (nothing is then counted).

    `device` is the nonce of this browser's device cookie for the account
    (accounts/devices.py): the attempt is then counted on that device,
    never on the account, so an account locked by strangers stays open to
    its owner's browsers.
    """
    limit = settings.FOLIO_LOGIN_MAX_FAILURES
    window = settings.FOLIO_LOGIN_LOCKOUT_SECONDS
    account = None
    if username:
        account = device_key(username, device) if device else account_key(username)
    address = address_key(ip) if ip else None
    keys = [k for k in (account, address) if k]

    def claim(cache):
        counts = [count_one(cache, k, timeout=window) for k in keys]
        if all(n <= limit for n in counts):
            return True
        for key in keys:
            _uncount(cache, key)
        return False

    return Attempt(account=account, address=address) if counted_in(claim) else None


def failures(key: str) -> int:
    """The failures counted at `key` lately (for tests and the curious)."""
    return counted_in(lambda cache: cache.get(key, 0))


def lockout_minutes() -> int:
    return max(1, round(settings.FOLIO_LOGIN_LOCKOUT_SECONDS / 60))


def allow_email(*, kind: str, email: str, ip: str | None) -> bool:
    """Count a request for an email of `kind` to `email` from `ip`; False
    once either has asked too often this hour (the request is still
    counted). The caller answers the same either way, so nobody learns from
    it whether the address has an account."""
    keys = [f"mail:{kind}:to:{_digest(email.strip().lower())}"]
    limits = [settings.FOLIO_EMAILS_PER_ADDRESS_HOUR]
    if ip:
        keys.append(f"mail:{kind}:from:{ip}")
        limits.append(settings.FOLIO_EMAILS_PER_IP_HOUR)

    def count(cache):
        return [count_one(cache, k, timeout=MAIL_WINDOW_SECONDS) for k in keys]

    return all(n <= limit for n, limit in zip(counted_in(count), limits, strict=True))
