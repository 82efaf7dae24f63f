from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.http import client_ip, csrf_by_origin
from core.views import message_page

from . import devices, services, throttle, tokens, two_factor
from .forms import (
    AuthorApplicationForm,
    AuthorRegistrationForm,
    EmailChangeForm,
    PasswordResetForm,
    ProfileForm,
    ResendVerificationForm,
    SecondFactorForm,
    ThrottledAuthenticationForm,
    TwoFactorOffForm,
    TwoFactorSetupForm,
)

SENT_SESSION_KEY = "accounts_sent_to"


class LoginView(auth_views.LoginView):
    """The password first; with two factors on, the code on a second page."""

    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not two_factor.is_on(user):
            response = super().form_valid(form)
            devices.remember(self.request, response, user)
            return response
        two_factor.begin_sign_in(self.request, user)
        return two_factor.redirect_to_second_step(user, next_url=self.get_success_url())

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

    def form_valid(self, form):
        """Past the limits the page says the same, and nothing is sent."""
        email, ip = form.cleaned_data["email"], client_ip(self.request)
        if throttle.allow_email(kind="reset", email=email, ip=ip):
            return super().form_valid(form)
        return redirect(self.get_success_url())


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


@login_required
def account(request):
    user = request.user
    applications = user.author_applications.all()
    context = {
        "author": getattr(user, "author", None),
        "is_author": services.is_author(user),
        "is_editor": services.is_editor(user),
        "application": applications.first(),
        "two_factor_on": two_factor.is_on(user),
        "two_factor_required": two_factor.is_required(user),
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


def safe_next(request, default) -> str:
    next_url = request.POST.get("next") or request.GET.get("next", "")
    # A bare word ("0") would be taken by redirect() for a URL name: a 500.
    if "/" in next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return resolve_url(default)


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """The second step of a sign-in: the code from the app, or a recovery code."""
    next_url = safe_next(request, settings.LOGIN_REDIRECT_URL)
    pending = two_factor.pending_user(request)  # its password was just right
    user = pending or (request.user if request.user.is_authenticated else None)
    if user is None:
        return redirect("login")
    if pending is None and (user.is_verified() or not two_factor.is_on(user)):
        return redirect(next_url)
    form = SecondFactorForm(request.POST or None, user=user, request=request)
    if request.method == "POST" and form.is_valid():
        two_factor.finish_sign_in(request, user=user, device=form.device)
        response = redirect(next_url)
        devices.remember(request, response, user)
        return response
    context = {"form": form, "next": next_url}
    return render(request, "accounts/two_factor_verify.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Scan the code, confirm with a code from the app, then see recovery codes."""
    user = request.user
    if two_factor.is_on(user):
        messages.info(request, "Two-factor sign-in is already on.")
        return redirect("accounts:account")
    device = two_factor.unconfirmed_device(user=user)
    form = TwoFactorSetupForm(request.POST or None, device=device)
    next_url = safe_next(request, "accounts:account")
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_device(device=device)
        two_factor.finish_sign_in(request, user=user, device=device)
        request.session[two_factor.NEW_CODES_SESSION_KEY] = codes
        codes_url = reverse("accounts:two_factor_codes")
        return redirect(f"{codes_url}?{urlencode({'next': next_url})}")
    context = {
        "form": form,
        "qr_code": two_factor.qr_code(device),
        "secret": two_factor.secret(device),
        "otpauth_url": device.config_url,
        "required": two_factor.is_required(user),
        "next": next_url,
    }
    return render(request, "accounts/two_factor_setup.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_codes(request):
    """New recovery codes, shown (or downloaded) until the user says they are kept.

    A POST with `renew` makes new ones (a verified session only).
    """
    next_url = safe_next(request, "accounts:account")
    if request.method == "POST" and "renew" in request.POST:
        if not (two_factor.is_on(request.user) and request.user.is_verified()):
            raise PermissionDenied("Sign in with your second factor first.")
        codes = two_factor.new_recovery_codes(user=request.user)
        request.session[two_factor.NEW_CODES_SESSION_KEY] = codes
        return redirect("accounts:two_factor_codes")
    codes = request.session.get(two_factor.NEW_CODES_SESSION_KEY)
    if request.method == "POST" or not codes:
        request.session.pop(two_factor.NEW_CODES_SESSION_KEY, None)
        return redirect(next_url)
    if "download" in request.GET:
        response = HttpResponse("\n".join(codes) + "\n", content_type="text/plain")
        response["Content-Disposition"] = 'attachment; filename="recovery-codes.txt"'
        return response
    context = {"codes": codes, "next": next_url}
    return render(request, "accounts/two_factor_codes.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_off(request):
    user = request.user
    if two_factor.is_required(user):
        raise PermissionDenied("Staff sign in with two factors.")
    if not two_factor.is_on(user):
        return redirect("accounts:account")
    form = TwoFactorOffForm(request.POST or None, user=user, request=request)
    if request.method == "POST" and form.is_valid():
        two_factor.turn_off(user=user)
        messages.success(request, "Two-factor sign-in is off.")
        return redirect("accounts:account")
    return render(request, "accounts/two_factor_off.html", {"form": form})
