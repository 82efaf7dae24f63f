"""Registering and proving an email address: a new account, a new address."""

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods

from core.http import client_ip
from core.views import message_page

from .. import services, tokens
from ..forms import (
    AuthorRegistrationForm,
    EmailChangeForm,
    ResendVerificationForm,
)

SENT_SESSION_KEY = "accounts_sent_to"


@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        return redirect("accounts:account")
    form = AuthorRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_author(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data["password1"],
            )
        except services.UsernameTaken:
            form.add_error("username", "A user with that username already exists.")
        else:
            request.session[SENT_SESSION_KEY] = form.cleaned_data["email"]
            return redirect("accounts:register_done")
    return render(request, "accounts/register.html", {"form": form})


def sent_address(request, *, otherwise):
    """The address the last link went to, in bold; `otherwise` if unknown."""
    email = request.session.get(SENT_SESSION_KEY, "")
    return format_html("<strong>{}</strong>", email) if email else otherwise


def register_done(request):
    address = sent_address(request, otherwise="the address you gave")
    return message_page(
        request,
        title="Check your email",
        message=[
            format_html(
                "We sent a message to {}. Open the link in it within {} days to "
                "confirm your address.",
                address,
                settings.FOLIO_EMAIL_LINK_DAYS,
            ),
            "Then sign in and fill in a short application: who you are and what "
            "you want to write about. An editor reads it and answers by email; "
            "once approved, you can submit articles for review.",
            "No message after a few minutes? Look in your spam folder, or send "
            "the link again.",
        ],
        links=[
            ("Sign in", reverse("login")),
            (
                "Send the confirmation link again",
                reverse("accounts:resend_verification"),
            ),
        ],
    )


@require_http_methods(["GET", "POST"])
def resend_verification(request):
    form = ResendVerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.resend_verification(
            email=form.cleaned_data["email"], ip=client_ip(request)
        )
        request.session[SENT_SESSION_KEY] = form.cleaned_data["email"]
        return redirect("accounts:resend_verification_done")
    return render(request, "accounts/resend_verification.html", {"form": form})


def resend_verification_done(request):
    address = sent_address(request, otherwise="that address")
    return message_page(
        request,
        title="Check your email",
        message=format_html(
            "If {} belongs to an account waiting for confirmation, a new link is "
            "on its way. We send at most one every few minutes.",
            address,
        ),
        links=[
            ("Sign in, if your address is already confirmed", reverse("login")),
            ("Reset a forgotten password", reverse("password_reset")),
        ],
    )


def link_refused(request, error):
    links = [
        ("Ask for a new confirmation link", reverse("accounts:resend_verification")),
        ("Sign in", reverse("login")),
    ]
    if request.user.is_authenticated:
        links.append(
            ("Change your email address again", reverse("accounts:email_change"))
        )
    return message_page(
        request,
        title="This link does not work",
        message=str(error),
        status=400,
        links=links,
    )


@require_http_methods(["GET", "POST"])
def verify_email(request, token):
    """GET asks to confirm (mail scanners follow links); POST confirms."""
    try:
        if request.method == "POST":
            user = services.verify_email(token=token)
        else:
            user = services.user_for_verification(token)
    except tokens.LinkError as error:
        return link_refused(request, error)
    return render(
        request,
        "accounts/verify_email.html",
        {"verified": request.method == "POST", "account": user},
    )


@login_required
@require_http_methods(["GET", "POST"])
def email_change(request):
    form = EmailChangeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        new_email = form.cleaned_data["new_email"]
        services.request_email_change(user=request.user, new_email=new_email)
        request.session[SENT_SESSION_KEY] = new_email
        return redirect("accounts:email_change_done")
    return render(request, "accounts/email_change.html", {"form": form})


@login_required
def email_change_done(request):
    address = sent_address(request, otherwise="it")
    return message_page(
        request,
        title="Check your new address",
        message=format_html(
            "Unless {} is already used by another account, a link is on its way "
            "to it. Open it within {} days to switch; until then we keep writing "
            "to <strong>{}</strong>.",
            address,
            settings.FOLIO_EMAIL_LINK_DAYS,
            request.user.email,
        ),
        links=[("Back to your account", reverse("accounts:account"))],
    )


@require_http_methods(["GET", "POST"])
def email_change_confirm(request, token):
    """GET asks to confirm; POST switches the address and signs the account
    out of every other browser (this one stays signed in if it was)."""
    try:
        if request.method == "POST":
            signed_in_as = request.user.pk  # read before the change ends the session
            user = services.change_email(token=token)
            if signed_in_as == user.pk:
                update_session_auth_hash(request, user)
        else:
            user, new_email = services.user_for_email_change(token)
    except tokens.LinkError as error:
        return link_refused(request, error)
    context = {"done": request.method == "POST", "token": token}
    context["new_email"] = user.email if context["done"] else new_email
    return render(request, "accounts/email_change_confirm.html", context)
