from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.http import csrf_by_origin
from core.views import message_page

from . import services, tokens
from .forms import (
    AuthorApplicationForm,
    AuthorRegistrationForm,
    EmailChangeForm,
    PasswordResetForm,
    ProfileForm,
    ResendVerificationForm,
    ThrottledAuthenticationForm,
)

SENT_SESSION_KEY = "accounts_sent_to"


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # Django names the site after the request's host and port.
        return {
            **super().get_context_data(**kwargs),
            "site_name": settings.FOLIO_SITE_NAME,
        }


@csrf_by_origin
@require_POST
@never_cache
def sign_out(request):
    """Django's `logout()` behind an origin check instead of a token (Django's
    LogoutView insists on the token): the button is on every page a signed-in
    reader sees, which then carries nothing of theirs (docs/security.md)."""
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm  # its email: accounts.emails.password_reset_letters


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
        services.resend_verification(email=form.cleaned_data["email"])
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


@login_required
def account(request):
    user = request.user
    applications = user.author_applications.all()
    context = {
        "author": getattr(user, "author", None),
        "is_author": services.is_author(user),
        "is_editor": services.is_editor(user),
        "application": applications.first(),
    }
    return render(request, "accounts/account.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def apply(request):
    user = request.user
    if not user.email_verified:
        return message_page(
            request,
            title="Confirm your email address first",
            message=format_html(
                "Before you apply to join the authors team, confirm that "
                "<strong>{}</strong> is yours: open the link in the email we sent "
                "when you registered.",
                user.email,
            ),
            status=403,
            links=[
                (
                    "Send the confirmation link again",
                    reverse("accounts:resend_verification"),
                ),
                ("Use another email address", reverse("accounts:email_change")),
            ],
        )
    if services.on_the_team(user):
        messages.info(request, "You are already on the authors team.")
        return redirect("accounts:account")
    if services.pending_application(user) is not None:
        messages.info(request, "Your application is already waiting for an editor.")
        return redirect("accounts:account")
    form = AuthorApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.apply_to_write(user=user, **form.cleaned_data)
        except services.ApplicationRefused as refusal:
            messages.info(request, str(refusal))
        else:
            messages.success(
                request,
                "Thank you: your application is sent. An editor will answer by email.",
            )
        return redirect("accounts:account")
    return render(request, "accounts/apply.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    author = getattr(request.user, "author", None)
    if author is None:
        raise PermissionDenied("Only authors have a public profile.")
    form = ProfileForm(request.POST or None, request.FILES or None, instance=author)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "author": author})


password_reset = PasswordResetView.as_view(
    success_url=reverse_lazy("password_reset_done")
)
