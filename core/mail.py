"""Every email Folio writes goes through here, sent by a task after the request.

`queue()` hands a task to the queue and never raises: nothing a reader or
writer does is lost, slowed or refused because the queue or the mail server
is down. Tasks build `Letter`s from the rows as they are then and send each
on its own with `send_letters()`; a send that fails is logged, never raised.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


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


def send(*, to: str, subject: str, template: str, context: dict) -> bool:
    """Send `<template>.txt` with `<template>.html`; False if it failed."""
    context = {"site_name": settings.FOLIO_SITE_NAME, **context}
    try:
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),  # no header breaks
            body=render_to_string(f"{template}.txt", context),
            to=[to],
        )
        message.attach_alternative(
            render_to_string(f"{template}.html", context),
            "text/html",
        )
        message.send()
    except Exception:
        logger.exception("Could not send the %s email", template.rsplit("/", 1)[-1])
        return False
    return True


def send_rendered(*, to: str, subject: str, body: str, html: str | None) -> bool:
    """Send an email already rendered (Django's password reset builds its own)."""
    try:
        message = EmailMultiAlternatives(subject=" ".join(subject.split()), to=[to])
        message.body = body
        if html:
            message.attach_alternative(html, "text/html")
        message.send()
    except Exception:
        logger.exception("Could not send the email %r", subject)
        return False
    return True


def send_letters(letters: list[Letter]) -> int:
    """Send each letter on its own; return how many were sent."""
    return sum(
        send(
            to=letter.to,
            subject=letter.subject,
            template=letter.template,
            context=letter.context,
        )
        for letter in letters
    )


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
