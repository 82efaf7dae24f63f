from django import forms
from django.contrib import admin, messages
from django.contrib.admin import ActionLocation, helpers
from django.contrib.auth.admin import UserAdmin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.permissions import REVIEW_APPLICATION

from . import services
from .forms import AuthorAdminForm, ThrottledAdminAuthenticationForm
from .models import Author, AuthorApplication, User

# The admin's own sign-in page is throttled like the site's.
admin.site.login_form = ThrottledAdminAuthenticationForm


@admin.register(User)
class FolioUserAdmin(UserAdmin):
    list_display = ["username", "email", "email_verified", "is_staff", "is_active"]
    list_filter = [*UserAdmin.list_filter, "email_verified"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Verification", {"fields": ["email_verified"]}),
    ]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    form = AuthorAdminForm
    list_display = ["display_name", "slug", "user", "created_at"]
    search_fields = ["display_name", "slug", "user__username", "user__email"]
    prepopulated_fields = {"slug": ["display_name"]}
    autocomplete_fields = ["user"]
    list_select_related = ["user"]


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the applicant (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )


@admin.register(AuthorApplication)
class AuthorApplicationAdmin(admin.ModelAdmin):
    """Pending applications first; approve or decline, with a note, in bulk."""

    list_display = ["user", "email", "status", "created_at", "decided_by"]
    list_filter = ["status"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user", "decided_by"]
    actions = ["approve", "decline"]
    fields = [
        "user",
        "email",
        "bio",
        "topics",
        "sample_url",
        "status",
        "editor_note",
        "decided_by",
        "decided_at",
        "created_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        # Not super(): it orders before `is_pending` exists.
        return AuthorApplication.objects.pending_first()

    def get_ordering(self, request):
        return ["is_pending", "created_at"]  # pending_first() defines is_pending

    @admin.display(description=_("email"))
    def email(self, application):
        return application.user.email

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_review_permission(self, request):
        return request.user.has_perm(REVIEW_APPLICATION)

    @admin.action(
        permissions=["review"],
        description=_("Approve…"),
        location=[ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM],
    )
    def approve(self, request, queryset):
        return self._decide(request, queryset, approve=True)

    @admin.action(
        permissions=["review"],
        description=_("Decline…"),
        location=[ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM],
    )
    def decline(self, request, queryset):
        return self._decide(request, queryset, approve=False)

    def _decide(self, request, queryset, *, approve):
        """An intermediate page asks for the note; its POST decides."""
        pending = list(queryset.filter(status=AuthorApplication.Status.PENDING))
        form = DecisionForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            decided = sum(
                services.decide_application(
                    application=application,
                    approve=approve,
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
                for application in pending
            )
            verb = _("approved") if approve else _("declined")
            self.message_user(
                request,
                ngettext(
                    "%(count)d application %(verb)s; the applicant is emailed.",
                    "%(count)d applications %(verb)s; the applicants are emailed.",
                    decided,
                )
                % {"count": decided, "verb": verb},
                messages.SUCCESS if decided else messages.WARNING,
            )
            return None
        if not pending:
            self.message_user(
                request, _("None of these applications is pending."), messages.WARNING
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Approve applications")
            if approve
            else _("Decline applications"),
            "opts": self.model._meta,
            "applications": pending,
            "form": form,
            "action": "approve" if approve else "decline",
            # From the application's own page, the action field is prefixed.
            "action_field": next(
                (name for name in request.POST if name.endswith("action")), "action"
            ),
            "approve": approve,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/accounts/authorapplication/decide.html", context
        )
