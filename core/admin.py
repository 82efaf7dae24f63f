from django.contrib import admin, messages
from django.utils.translation import ngettext

from . import mail
from .models import UnsentMail
from .permissions import RESEND_MAIL


@admin.register(UnsentMail)
class UnsentMailAdmin(admin.ModelAdmin):
    """Emails the mail server did not take: those still retried and those
    given up, each with its last error; "Send again" builds and sends them
    now. Nothing here can be written by hand."""

    list_display = ["kind", "to", "subject", "status", "attempts", "next_attempt_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject"]
    readonly_fields = [
        "kind",
        "to",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "created_at",
        "last_error",
        "builder",
        "args",
    ]
    fields = readonly_fields
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm(RESEND_MAIL)

    @admin.action(permissions=["resend"], description="Send again")
    def send_again(self, request, queryset):
        results = [mail.send_again(unsent) for unsent in queryset]
        sent, failed = results.count(True), results.count(False)
        if sent:
            self.message_user(
                request,
                ngettext("%d email sent.", "%d emails sent.", sent) % sent,
                messages.SUCCESS,
            )
        if failed:
            self.message_user(
                request,
                ngettext(
                    "%d email could not be sent again; see its last error.",
                    "%d emails could not be sent again; see their last error.",
                    failed,
                )
                % failed,
                messages.ERROR,
            )
