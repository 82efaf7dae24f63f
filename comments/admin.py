"""Comment moderation in the Django admin: the same services as /moderation/.

Comments list pending first, then spam. Status changes only through the
actions (approve, reject, spam, delete), each recorded as a moderation
event; deleting one from its page is recorded too. A deletion hides the
comment here at once, as in the queue (comments/moderation.py), where alone
it can be undone. Moderators edit the blocklist here and read the moderation
log, which nobody can edit.
"""

import json

from django.contrib import admin, messages
from django.contrib.admin import ActionLocation, helpers
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

from core.permissions import MODERATE_COMMENT

from . import moderation, privacy
from .models import BlockedTerm, Comment, ModerationEvent, moderation_ordering
from .moderation_forms import BlockedTermForm


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "article", "status", "held_reason", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email", "body"]
    list_select_related = ["article"]
    raw_id_fields = ["article", "parent"]
    readonly_fields = [
        "status",
        "held_reason",
        "moderated_by",
        "moderated_at",
        "ip_address",
        "created_at",
    ]
    actions = [
        "approve",
        "reject",
        "mark_spam",
        "delete_comments",
        "export_commenter_data",
        "delete_commenter_data",
    ]

    def get_queryset(self, request):
        # A deleted comment leaves every list at once; it is purged a minute later.
        return super().get_queryset(request).not_deleted()

    def get_ordering(self, request):
        return moderation_ordering()

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)  # ours records each deletion
        return actions

    def has_moderate_permission(self, request):
        return request.user.has_perm(MODERATE_COMMENT)

    def has_erase_permission(self, request):
        return self.has_moderate_permission(request) and self.has_delete_permission(
            request
        )

    def get_deleted_objects(self, objs, request):
        """Only the comments themselves: their replies are kept, not cascaded."""
        objs = list(objs)
        perms_needed = set()
        if not self.has_delete_permission(request):
            perms_needed.add(self.opts.verbose_name)
        count = {self.opts.verbose_name_plural: len(objs)}
        return [str(obj) for obj in objs], count, perms_needed, []

    def delete_model(self, request, obj):
        moderation.moderate_comment(comment=obj, action="delete", by=request.user)

    def delete_queryset(self, request, queryset):
        moderation.moderate_comments(
            comments=queryset, action="delete", by=request.user
        )

    def _moderate(self, request, queryset, action, done):
        count = moderation.moderate_comments(
            comments=queryset, action=action, by=request.user
        )
        message = ngettext("%d comment %s.", "%d comments %s.", count) % (count, done)
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(permissions=["moderate"], description="Approve")
    def approve(self, request, queryset):
        self._moderate(request, queryset, "approve", "approved")

    @admin.action(permissions=["moderate"], description="Reject")
    def reject(self, request, queryset):
        self._moderate(request, queryset, "reject", "rejected")

    @admin.action(permissions=["moderate"], description="Mark as spam")
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, "spam", "marked as spam")

    @admin.action(permissions=["erase"], description="Delete (recorded)")
    def delete_comments(self, request, queryset):
        self._moderate(request, queryset, "delete", "deleted")

    @admin.action(
        permissions=["moderate"],
        description="Export everything stored for these commenters (JSON)",
    )
    def export_commenter_data(self, request, queryset):
        emails = sorted({c.email.lower() for c in queryset})
        data = [privacy.export_commenter_data(email) for email in emails]
        response = HttpResponse(
            json.dumps({"commenters": data}, cls=DjangoJSONEncoder, indent=2),
            content_type="application/json",
        )
        response["Content-Disposition"] = 'attachment; filename="commenter-data.json"'
        return response

    @admin.action(
        permissions=["erase"],
        description="Delete everything stored for these commenters",
    )
    def delete_commenter_data(self, request, queryset):
        emails = sorted({c.email.lower() for c in queryset})
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": "Delete everything stored for these commenters?",
                "opts": self.model._meta,
                "emails": emails,
                "count": sum(privacy.commenter_comments(e).count() for e in emails),
                "queryset": queryset,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(
                request, "admin/comments/comment/erase_confirm.html", context
            )
        count = sum(
            privacy.delete_commenter_data(email, by=request.user) for email in emails
        )
        self.message_user(
            request,
            f"Deleted {count} comment(s) and all data of {len(emails)} commenter(s).",
            messages.SUCCESS,
        )
        return None


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    form = BlockedTermForm
    list_display = ["value", "kind", "created_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value"]
    list_select_related = ["created_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ModerationEvent)
class ModerationEventAdmin(admin.ModelAdmin):
    """The moderation log: readable, never editable."""

    list_display = ["created_at", "action", "comment_summary", "actor"]
    list_filter = ["action"]
    search_fields = ["comment_summary"]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
