"""Signing in and out: the password, the second factor, a forgotten password."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.http import client_ip, csrf_by_origin

from .. import devices, throttle, two_factor
from ..forms import (
    PasswordResetForm,
    SecondFactorForm,
    ThrottledAuthenticationForm,
    TwoFactorOffForm,
    TwoFactorSetupForm,
)


class LoginView(auth_views.LoginView):
    """The password first; with two factors on, the code on a second page."""

    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not two_factor.is_on(user):
            response = super().form_valid(form)
            if two_factor.is_required(user):  # staff: set up the app first
                next_url = self.get_success_url()
                response = two_factor.redirect_to_second_step(user, next_url=next_url)
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
        device.user = user
        codes = two_factor.confirm_device(device=device)
        update_session_auth_hash(request, user)  # the others are signed out
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
