"""Account emails, built by a background task after the request.

Services queue a task (accounts/tasks.py) after commit with `core.mail.queue`,
passing ids; the task hands one of the `@rebuildable` functions here to
`core.mail.deliver`, which calls it to build the letters from the rows as
they are then (and again at each retry) and sends them. Links and tokens
are made here, at send time, and never stored.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.mail import Letter, absolute, rebuildable
from core.permissions import REVIEW_APPLICATION

from . import tokens
from .models import AuthorApplication

TEMPLATES = "accounts/email/"


def active_user(user_id: int):
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


@rebuildable
def verification_letters(user_id: int) -> list[Letter]:
    """The signed link that proves a new account's address, unless proved."""
    user = active_user(user_id)
    if user is None or user.email_verified or not user.email:
        return []
    token = tokens.make_verification_token(user)
    path = reverse("accounts:verify_email", kwargs={"token": token})
    return [
        Letter(
            user.email,
            f"Confirm your email address for {settings.FOLIO_SITE_NAME}",
            f"{TEMPLATES}verify_email",
            {
                "user": user,
                "verify_url": absolute(path),
                "days": settings.FOLIO_EMAIL_LINK_DAYS,
            },
        )
    ]


@rebuildable
def already_registered_letters(email: str) -> list[Letter]:
    """Someone registered with an address that has an account: tell its owner."""
    return [
        Letter(
            email,
            f"Someone tried to register on {settings.FOLIO_SITE_NAME} "
            "with your address",
            f"{TEMPLATES}already_registered",
            {
                "login_url": absolute(reverse("login")),
                "reset_url": absolute(reverse("password_reset")),
                "resend_url": absolute(reverse("accounts:resend_verification")),
            },
        )
    ]


@rebuildable
def email_change_letters(user_id: int, new_email: str) -> list[Letter]:
    """The signed link, sent to the new address, that switches to it."""
    user = active_user(user_id)
    if user is None:
        return []
    token = tokens.make_email_change_token(user, new_email=new_email)
    path = reverse("accounts:email_change_confirm", kwargs={"token": token})
    return [
        Letter(
            new_email,
            f"Confirm your new email address for {settings.FOLIO_SITE_NAME}",
            f"{TEMPLATES}change_email",
            {
                "user": user,
                "confirm_url": absolute(path),
                "days": settings.FOLIO_EMAIL_LINK_DAYS,
            },
        )
    ]


@rebuildable
def password_reset_letters(user_id: int) -> list[Letter]:
    """A link to choose a new password, made when the letter is sent.

    Django's token generator signs the password hash and the last sign-in,
    so the link works until either changes (or `PASSWORD_RESET_TIMEOUT`
    passes); a letter sent late by a retry carries a fresh one.
    """
    user = active_user(user_id)
    if user is None or not user.email:
        return []
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return [
        Letter(
            user.email,
            f"Reset your password on {settings.FOLIO_SITE_NAME}",
            f"{TEMPLATES}password_reset",
            {"user": user, "reset_url": absolute(path)},
        )
    ]


@rebuildable
def application_decision_letters(application_id: int) -> list[Letter]:
    """Tell an applicant that their application was approved or declined."""
    application = (
        AuthorApplication.objects.select_related("user")
        .exclude(status=AuthorApplication.Status.PENDING)
        .filter(pk=application_id)
        .first()
    )
    if application is None or not application.user.email:
        return []
    approved = application.status == AuthorApplication.Status.APPROVED
    site = settings.FOLIO_SITE_NAME
    return [
        Letter(
            application.user.email,
            f"Welcome to the {site} authors team"
            if approved
            else f"Your application to write for {site}",
            f"{TEMPLATES}application_" + ("approved" if approved else "declined"),
            {
                "application": application,
                "account_url": absolute(reverse("accounts:account")),
            },
        )
    ]


@rebuildable
def application_received_letters(application_id: int) -> list[Letter]:
    """Tell every editor who reviews applications that one is waiting."""
    application = (
        AuthorApplication.objects.pending()
        .select_related("user")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return []
    reviewers = get_user_model().objects.with_perm(REVIEW_APPLICATION, is_active=True)
    url = absolute(
        reverse("admin:accounts_authorapplication_change", args=[application.pk])
    )
    subject = (
        f"{application.user.username} applied to write for {settings.FOLIO_SITE_NAME}"
    )
    return [
        Letter(
            reviewer.email,
            subject,
            f"{TEMPLATES}application_received",
            {"application": application, "reviewer": reviewer, "url": url},
        )
        for reviewer in reviewers.exclude(email="").order_by("pk")
    ]
