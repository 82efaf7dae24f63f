"""The admin site: Django's, open only to staff who passed the second factor.

A staff member signed in with a password alone is sent from the admin's
sign-in page to the second step, or to set up an authenticator app first
(accounts/two_factor.py). The sign-in page itself asks for the code, as the
site's does.
"""

from functools import wraps

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache


class AdminSite(admin.AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and request.user.is_verified()

    def admin_view(self, view, cacheable=False):
        """Every admin page refuses a query holding a NUL byte with a 400:
        PostgreSQL cannot compare text holding one, so a list filtered by it
        would be a server error."""
        checked = super().admin_view(view, cacheable)

        @wraps(view)
        def without_nul(request, *args, **kwargs):
            query = request.META.get("QUERY_STRING", "")
            if "%00" in query or "\x00" in query:
                return HttpResponseBadRequest(
                    "This address holds a NUL character.", content_type="text/plain"
                )
            return checked(request, *args, **kwargs)

        return without_nul

    @method_decorator(never_cache)
    @method_decorator(login_not_required)
    def login(self, request, extra_context=None):
        # Imported here: this module is loaded before the apps' models are.
        from accounts import two_factor
        from accounts.views import LoginView

        next_url = LoginView().get_redirect_url(request) or reverse(
            "admin:index", current_app=self.name
        )
        user = request.user
        if user.is_active and user.is_staff and not user.is_verified():
            return two_factor.redirect_to_second_step(user, next_url=next_url)
        if request.method == "GET" and self.has_permission(request):
            return super().login(request, extra_context)  # redirects onwards
        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": user.get_username(),
            REDIRECT_FIELD_NAME: next_url,
            **(extra_context or {}),
        }
        request.current_app = self.name
        return LoginView.as_view(
            extra_context=context,
            authentication_form=self.login_form,
            redirect_authenticated_user=False,  # a reader would loop back here
            template_name=self.login_template or "admin/login.html",
        )(request)
