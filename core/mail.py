"""Every email Folio writes goes through here, sent by a task after the request.

`queue()` hands a task to the queue and never raises: nothing a reader or
writer does is lost, slowed or refused because the queue or the mail server
is down. A task passes ids (never a link, a token or a letter's text, which
would sit in the task table) to `deliver()`, which calls a `@rebuildable`
function to build the `Letter`s from the rows as they are then and sends
each on its own.

No letter is lost: one the mail server does not take is kept as an
`UnsentMail` (the builder's import path and its ids, never the text) and
tried again after each of `RETRY_DELAYS`; the task fails, so the task table
shows it. After the last try the row is marked failed, for the admin's
list of unsent emails ("Send again") and `/healthz` to show.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import UnsentMail

logger = logging.getLogger(__name__)

# After a failed try, the wait before the next; after the last, it has failed.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)


class MailNotSent(Exception):
    """The mail server did not take a letter; it is kept for another try."""


def queue(task, *args) -> None:
    """Queue `task`; a queue that is down is logged, never raised."""
    try:
        task.enqueue(*args)
    except Exception:
        logger.exception("Could not queue the %s task", task.name)


def absolute(path: str) -> str:
    """A site path as a full address, for emails sent off a request."""
    return settings.FOLIO_SITE_URL.rstrip("/") + path


@dataclass
class Letter:
    to: str
    subject: str
    template: str  # <template>.txt and <template>.html
    context: dict = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.template.rsplit("/", 1)[-1]


def rebuildable(build):
    """Mark a module-level function `(*ids) -> list[Letter]` as one `deliver()`
    may call, now and again at each retry, from its import path."""
    build.rebuildable = True
    return build


def deliver(build, *args) -> int:
    """Build the letters of one event from `args` and send each on its own.

    Returns how many were sent. A letter the mail server refuses is kept for
    another try, and once every letter was tried MailNotSent is raised, so
    the task that called this fails instead of passing for sent.
    """
    if not getattr(build, "rebuildable", False):
        raise TypeError(f"{build.__qualname__} is not @rebuildable")
    path = f"{build.__module__}.{build.__qualname__}"
    letters = build(*args)
    sent = 0
    for letter in letters:
        try:
            send(letter)
        except Exception as error:
            keep(letter, builder=path, args=list(args), error=error)
        else:
            sent += 1
    if sent < len(letters):
        raise MailNotSent(
            f"{len(letters) - sent} of {len(letters)} emails not sent; "
            "kept to try again"
        )
    return sent


def send(letter: Letter) -> None:
    """Send `<template>.txt` with `<template>.html`; raise if it fails."""
    context = {"site_name": settings.FOLIO_SITE_NAME, **letter.context}
    message = EmailMultiAlternatives(
        subject=" ".join(letter.subject.split()),  # no header breaks
        body=render_to_string(f"{letter.template}.txt", context),
        to=[letter.to],
    )
    message.attach_alternative(
        render_to_string(f"{letter.template}.html", context), "text/html"
    )
    message.send()


def keep(letter: Letter, *, builder: str, args: list, error: Exception) -> UnsentMail:
    """Record a letter that failed its first try and schedule the next."""
    logger.error(
        "Could not send the %s email (%s); trying again in %s",
        letter.kind,
        describe(error),
        RETRY_DELAYS[0],
    )
    mail = UnsentMail.objects.create(
        to=letter.to,
        subject=" ".join(letter.subject.split())[:300],
        kind=letter.kind,
        builder=builder,
        args=args,
        next_attempt_at=timezone.now() + RETRY_DELAYS[0],
        last_error=describe(error),
    )
    schedule(mail)
    return mail


def describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:1000]


def schedule(mail: UnsentMail) -> None:
    """Queue the next try of `mail` for its `next_attempt_at`.

    A backend that cannot defer a task (the tests' immediate one) is not
    asked: the test runs the retry itself.
    """
    if retry_unsent_mail.get_backend().supports_defer:
        later = retry_unsent_mail.using(run_after=mail.next_attempt_at)
        queue(later, mail.pk, mail.attempts)


@task
def retry_unsent_mail(mail_id: int, attempt: int) -> bool:
    """The next scheduled try of an unsent email.

    Does nothing if the email was sent meanwhile (by hand) or this try was
    superseded; on failure, schedules the next try or marks it failed, and
    raises so the task table shows the failure.
    """
    mail = UnsentMail.objects.filter(
        pk=mail_id, status=UnsentMail.Status.RETRYING, attempts=attempt
    ).first()
    if mail is None:
        return False
    error = try_again(mail)
    if error is None:
        return True
    mail.attempts += 1
    mail.last_error = describe(error)
    if mail.attempts > len(RETRY_DELAYS):
        mail.status = UnsentMail.Status.FAILED
        mail.next_attempt_at = None
        logger.error(
            "Gave up sending the %s email after %d tries (%s)",
            mail.kind,
            mail.attempts,
            mail.last_error,
        )
    else:
        mail.next_attempt_at = timezone.now() + RETRY_DELAYS[mail.attempts - 1]
    mail.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
    if mail.status == UnsentMail.Status.RETRYING:
        schedule(mail)
    raise MailNotSent(f"Try {attempt + 1} of the {mail.kind} email failed") from error


def send_again(mail: UnsentMail) -> bool:
    """Try `mail` now (the admin's "Send again"); True if it went.

    A failure only updates the last error: the schedule, if any, stands.
    """
    error = try_again(mail)
    if error is None:
        return True
    UnsentMail.objects.filter(pk=mail.pk).update(last_error=describe(error))
    return False


def try_again(mail: UnsentMail) -> Exception | None:
    """Build `mail` afresh and send it; None once sent or no longer due.

    The builder reads the rows as they are now: a letter it no longer
    writes to that address (a comment moderated meanwhile, an address
    already proved) is not due any more, and the row goes as if sent.
    """
    try:
        build = import_string(mail.builder)
        if not getattr(build, "rebuildable", False):
            raise TypeError(f"{mail.builder} is not @rebuildable")
        for letter in build(*mail.args):
            if same_address(letter.to, mail.to):
                send(letter)
    except Exception as error:
        return error
    mail.delete()
    return None


def same_address(a: str, b: str) -> bool:
    return a.strip().lower() == b.strip().lower()


def dedupe(letters: list[Letter], *, skip=()) -> list[Letter]:
    """The first letter to each address, none to the `skip` addresses."""
    seen = {address.strip().lower() for address in skip if address}
    kept = []
    for letter in letters:
        key = letter.to.strip().lower()
        if key and key not in seen:
            seen.add(key)
            kept.append(letter)
    return kept
