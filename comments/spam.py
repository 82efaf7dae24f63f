"""Spam checks for new comments, without third-party services.

Each check is a function returning a reason (a short sentence a moderator
can read) or None when the comment passes it.
"""

import hashlib
import ipaddress
import re
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing

from core.caching import counted_in

from .models import BlockedTerm, Comment

FORM_TOKEN_SALT = "comments.form-issued"
FORM_MAX_AGE = timedelta(days=1)
FORM_RENEW_MARGIN = timedelta(hours=1)  # time left to correct a form served back
MAX_LINKS = 2
RATE_WINDOW_SECONDS = 60

TOO_FAST = "too fast"
FORM_EXPIRED = "form expired"
FORM_FORGED = "form timestamp missing or forged"
FORM_USED = "form already sent"
RATE_LIMITED = "rate limit reached"

URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
HOST_RE = re.compile(r"(?:https?://|www\.)([^\s/:?#<>\"']+)", re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    status: str  # a Comment.Status
    reason: str = ""  # why it is held or spam, for moderators


def judge(
    *,
    name: str,
    email: str,
    body: str,
    website: str = "",
    ip_address: str | None = None,
    trusted: bool = False,
) -> Verdict:
    """Where a new comment goes: spam, held with a reason, pending or approved.

    A blocklist match is spam and too many links is held for a moderator,
    each saying why; otherwise a `trusted` commenter is approved at once and
    everyone else waits for a moderator.
    """
    reason = blocked_term_reason(
        BlockedTerm.objects.all(),
        name=name,
        email=email,
        body=body,
        website=website,
        ip_address=ip_address,
    )
    if reason:
        return Verdict(Comment.Status.SPAM, reason)
    reason = too_many_links_reason(body=body, website=website)
    if reason:
        return Verdict(Comment.Status.PENDING, reason)
    if trusted:
        return Verdict(Comment.Status.APPROVED)
    return Verdict(Comment.Status.PENDING)


def issue_form_token(*, article_id: int, age: float = 0, personal=False) -> str:
    """A signed note of when the comment form for this article was served
    (`age` seconds ago). A personal one (one reader's) carries a nonce, and
    is used once in all (`use_form_token`)."""
    issued = {"a": article_id, "t": time.time() - age}
    if personal:
        issued["n"] = secrets.token_urlsafe(9)
    return signing.dumps(issued, salt=FORM_TOKEN_SALT)


def personal_form_token(token: str) -> str | None:
    """The reader's own token for the form `token` (everyone's, from a cached
    page) came with: same article, same time served; None if `token` is not
    a valid one of ours. The page's script asks for it when the reader
    starts on the form."""
    try:
        issued = _read_form_token(token, max_age=FORM_MAX_AGE)
    except signing.BadSignature:
        return None
    age = time.time() - issued["t"]
    return issue_form_token(article_id=issued["a"], age=age, personal=True)


def _is_personal(token: str) -> bool:
    try:
        return "n" in _read_form_token(token)
    except signing.BadSignature:
        return False


def _read_form_token(token: str, *, max_age=None) -> dict:
    """What a form token of ours says, its time a float; BadSignature if it
    is not one (forged, expired, or not of this shape)."""
    issued = signing.loads(token or "", salt=FORM_TOKEN_SALT, max_age=max_age)
    if not isinstance(issued, dict) or not isinstance(issued.get("a"), int):
        raise signing.BadSignature("A form token without its article.")
    try:
        return {**issued, "t": float(issued.get("t", 0))}
    except (TypeError, ValueError):
        raise signing.BadSignature("A form token without a time.") from None


def form_token_reason(token: str, *, article_id: int) -> str | None:
    """Refuse a form token that is forged, for another article, new or old."""
    try:
        age = form_token_age(token, article_id=article_id, max_age=FORM_MAX_AGE)
    except signing.SignatureExpired:
        return FORM_EXPIRED
    except signing.BadSignature:
        return FORM_FORGED
    if age < settings.FOLIO_COMMENT_MIN_SECONDS:
        return TOO_FAST
    return None


def form_token_age(token: str, *, article_id: int, max_age=None) -> float:
    """Seconds since the form was served; BadSignature if it is not ours."""
    issued = _read_form_token(token, max_age=max_age)
    if issued["a"] != article_id:
        raise signing.BadSignature("A form token of another article.")
    return time.time() - issued["t"]


def form_token_to_serve_again(token: str, *, article_id: int) -> str:
    """The token for a form served back with its errors.

    The one it was sent with, so that "too fast" counts from when the reader
    first saw the form and correcting a mistake never trips it. A token near
    or past its end of life is replaced by one old enough to pass (the reader
    has had the form for a day); a forged or missing one by a new one.
    """
    try:
        age = form_token_age(token, article_id=article_id)
    except signing.BadSignature:
        return issue_form_token(article_id=article_id)
    if age < (FORM_MAX_AGE - FORM_RENEW_MARGIN).total_seconds():
        return token
    return issue_form_token(
        article_id=article_id, age=settings.FOLIO_COMMENT_MIN_SECONDS
    )


def use_form_token(token: str, *, ip_address: str | None) -> bool:
    """Mark the form token used for a comment; False if it was already (the
    token is then refused).

    A personal token is used once in all. The blank form's token is part of
    cached pages, so every anonymous reader of one has it: it is used once
    per client address (readers without the page's script, which swaps it
    for a personal one). The digest is kept as long as the token is valid,
    in the shared cache, or in this process's memory while that is down
    (core/caching.py).
    """
    scope = "" if _is_personal(token) else f"|{ip_address or ''}"
    digest = hashlib.sha256(f"{token}{scope}".encode()).hexdigest()
    key, seconds = f"comment-form-used:{digest}", int(FORM_MAX_AGE.total_seconds())
    return counted_in(lambda cache: cache.add(key, 1, timeout=seconds))


def rate_limit_key(ip_address: str | None) -> str:
    return f"comment-rate:{ip_address or 'unknown'}"


def rate_limit_reason(ip_address: str | None) -> str | None:
    """Count one comment for this address; refuse past the per-minute limit.

    With the shared cache down, each process counts on its own (core/caching.py).
    """
    key = rate_limit_key(ip_address)
    count = counted_in(lambda cache: _count_one(cache, key))
    if count > settings.FOLIO_COMMENTS_PER_MINUTE:
        return RATE_LIMITED
    return None


def _count_one(cache, key: str) -> int:
    cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # the window expired between add() and incr()
        cache.set(key, 1, timeout=RATE_WINDOW_SECONDS)
        return 1


def count_links(*, body: str, website: str = "") -> int:
    return len(URL_RE.findall(body)) + (1 if website else 0)


def too_many_links_reason(*, body: str, website: str = "") -> str | None:
    links = count_links(body=body, website=website)
    if links > MAX_LINKS:
        return f"{links} links, more than {MAX_LINKS}"
    return None


def blocked_term_reason(
    terms, *, name: str, email: str, body: str, website: str, ip_address: str | None
) -> str | None:
    """The first blocklist entry (`BlockedTerm`s, values lower-cased) matched."""
    text = f"{name}\n{body}".casefold()
    email = email.strip().lower()
    email_domain = email.rpartition("@")[2]
    hosts = {h.lower().rstrip(".") for h in HOST_RE.findall(f"{body} {website}")}
    hosts = {h.removeprefix("www.") for h in hosts} | {email_domain}
    for term in terms:
        value = term.value
        if term.kind == "word" and _contains_word(text, value):
            return f"matched blocked word “{value}”"
        if term.kind == "email" and email == value:
            return f"matched blocked email “{value}”"
        if term.kind == "ip" and _ip_matches(ip_address, value):
            return f"matched blocked IP “{value}”"
        if term.kind == "domain" and any(_in_domain(h, value) for h in hosts):
            return f"matched blocked domain “{value}”"
    return None


def _contains_word(text: str, word: str) -> bool:
    if not word:
        return False
    pattern = rf"(?<!\w){re.escape(word.casefold())}(?!\w)"
    return re.search(pattern, text) is not None


def _ip_matches(ip_address: str | None, value: str) -> bool:
    if not ip_address:
        return False
    try:
        network = ipaddress.ip_network(value, strict=False)
        return ipaddress.ip_address(ip_address) in network
    except ValueError:
        return False


def _in_domain(host: str, domain: str) -> bool:
    domain = domain.lstrip("@.").rstrip(".")
    return bool(domain) and (host == domain or host.endswith(f".{domain}"))
