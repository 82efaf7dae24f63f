"""The development outbox: mail kept as files and read in the browser.

Under `make run` nothing is sent. `OutboxBackend` writes each message to
`FOLIO_OUTBOX_DIR` as an `.eml` file and logs one line saying where to read
it; `/dev/outbox/` (core.views, only while `DEBUG` is on) lists the messages
and shows each one's text with its links clickable, so a verification link
is one click away instead of broken across quoted-printable lines.
"""

import email
import email.policy
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone

from .mail import absolute

logger = logging.getLogger(__name__)
# What the backend names its files; anything else in the folder is ignored.
FILE_NAME = re.compile(r"^\d{8}-\d{6}-\d{6}-[0-9a-f]{8}\.eml$")
LISTED = 200  # newest messages on the outbox page


class OutboxBackend(BaseEmailBackend):
    """Each message becomes one file in the outbox; nothing leaves the machine."""

    def send_messages(self, email_messages):
        folder = outbox_dir()
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{timezone.now():%Y%m%d-%H%M%S-%f}-{secrets.token_hex(4)}.eml"
            (folder / name).write_bytes(message.message().as_bytes())
            url = absolute(reverse("core:outbox_message", args=[name]))
            logger.info(
                "Mail to %s, “%s”: read it at %s",
                ", ".join(message.recipients()),
                message.subject,
                url,
            )
        return len(email_messages)


@dataclass
class Letter:
    name: str
    subject: str
    sender: str
    to: str
    date: datetime | None
    text: str


def outbox_dir() -> Path:
    return Path(settings.FOLIO_OUTBOX_DIR)


def letters() -> list[Letter]:
    """The newest messages first."""
    folder = outbox_dir()
    if not folder.is_dir():
        return []
    names = sorted(p.name for p in folder.iterdir() if FILE_NAME.match(p.name))
    found = (letter(name) for name in reversed(names[-LISTED:]))
    return [found_letter for found_letter in found if found_letter is not None]


def letter(name: str) -> Letter | None:
    """The message stored under `name`, or None if there is no such message."""
    path = outbox_dir() / name
    if not FILE_NAME.match(name) or not path.is_file():
        return None
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    body = message.get_body(preferencelist=("plain", "html"))
    return Letter(
        name=name,
        subject=str(message["subject"] or ""),
        sender=str(message["from"] or ""),
        to=str(message["to"] or ""),
        date=message["date"].datetime if message["date"] else None,
        text=body.get_content() if body is not None else "",
    )
