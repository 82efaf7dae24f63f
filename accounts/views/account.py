"""A signed-in person's own pages: the account, the application, the profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods

from core.views import message_page

from .. import services, two_factor
from ..forms import (
    AuthorApplicationForm,
    ProfileForm,
)


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
