"""A mail server that is down, and switching to it and back in a test."""

from django.core.mail.backends.base import BaseEmailBackend

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class DownBackend(BaseEmailBackend):
    """A mail server that refuses every connection."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def mail_server_down(settings) -> None:
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.DownBackend"}}


def mail_server_up(settings) -> None:
    settings.MAILERS = {"default": {"BACKEND": LOCMEM}}
