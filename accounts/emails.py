"""Account emails, built and sent by a background task after the request.

Services queue a task (accounts/tasks.py) after commit with `core.mail.queue`;
the task builds the email here from the rows as they are then and sends it
through `core.mail.send`.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.mail import absolute, send
from core.permissions import REVIEW_APPLICATION

from . import tokens
from .models import AuthorApplication


def send_verification(user_id: int) -> bool:
    """The signed link that proves a new account's address, unless proved."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.email_verified or not user.email:
        return False
    token = tokens.make_verification_token(user)
    return send(
        to=user.email,
        subject=f"Confirm your email address for {settings.FOLIO_SITE_NAME}",
        template="accounts/email/verify_email",
        context={
            "user": user,
            "verify_url": absolute(
                reverse("accounts:verify_email", kwargs={"token": token})
            ),
            "days": settings.FOLIO_EMAIL_LINK_DAYS,
        },
    )


def send_already_registered(email: str) -> bool:
    """Someone registered with an address that has an account: tell its owner."""
    return send(
        to=email,
        subject=(
            f"Someone tried to register on {settings.FOLIO_SITE_NAME} with your address"
        ),
        template="accounts/email/already_registered",
        context={
            "login_url": absolute(reverse("login")),
            "reset_url": absolute(reverse("password_reset")),
            "resend_url": absolute(reverse("accounts:resend_verification")),
        },
    )


def send_email_change(user_id: int, new_email: str) -> bool:
    """The signed link, sent to the new address, that switches to it."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    token = tokens.make_email_change_token(user, new_email=new_email)
    return send(
        to=new_email,
        subject=f"Confirm your new email address for {settings.FOLIO_SITE_NAME}",
        template="accounts/email/change_email",
        context={
            "user": user,
            "confirm_url": absolute(
                reverse("accounts:email_change_confirm", kwargs={"token": token})
            ),
            "days": settings.FOLIO_EMAIL_LINK_DAYS,
        },
    )


def send_application_decision(application_id: int) -> bool:
    """Tell an applicant that their application was approved or declined."""
    application = (
        AuthorApplication.objects.select_related("user")
        .exclude(status=AuthorApplication.Status.PENDING)
        .filter(pk=application_id)
        .first()
    )
    if application is None or not application.user.email:
        return False
    approved = application.status == AuthorApplication.Status.APPROVED
    return send(
        to=application.user.email,
        subject=(
            f"Welcome to the {settings.FOLIO_SITE_NAME} authors team"
            if approved
            else f"Your application to write for {settings.FOLIO_SITE_NAME}"
        ),
        template="accounts/email/application_"
        + ("approved" if approved else "declined"),
        context={
            "application": application,
            "account_url": absolute(reverse("accounts:account")),
        },
    )


def send_application_received(application_id: int) -> int:
    """Tell every editor who reviews applications that one is waiting.

    Returns how many were sent.
    """
    application = (
        AuthorApplication.objects.pending()
        .select_related("user")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return 0
    reviewers = get_user_model().objects.with_perm(REVIEW_APPLICATION, is_active=True)
    url = absolute(
        reverse("admin:accounts_authorapplication_change", args=[application.pk])
    )
    return sum(
        send(
            to=reviewer.email,
            subject=f"{application.user.username} applied to write for "
            f"{settings.FOLIO_SITE_NAME}",
            template="accounts/email/application_received",
            context={"application": application, "reviewer": reviewer, "url": url},
        )
        for reviewer in reviewers.exclude(email="").order_by("pk")
    )
