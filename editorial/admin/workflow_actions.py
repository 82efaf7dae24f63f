"""The editors' workflow actions on articles: publish, schedule, send back, unpublish.

For the article ModelAdmin, on the changelist and on an article's own page.
Each calls the service of editorial/workflow.py for every chosen article and
reports what was done and what was refused; scheduling and sending back ask
for the time or the note on a page between.
"""

from django.contrib import admin, messages
from django.contrib.admin import ActionLocation, helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import workflow
from ..forms import RequestChangesForm, ScheduleForm

# On the changelist, and on an article's own change page.
EVERYWHERE = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]


class WorkflowActionsMixin:
    actions = ["publish_now", "schedule", "request_changes", "unpublish"]

    def has_publish_permission(self, request):
        return workflow.is_editor(request.user)

    @admin.action(
        permissions=["publish"], description=_("Publish now"), location=EVERYWHERE
    )
    def publish_now(self, request, queryset):
        self._apply(
            request,
            queryset,
            workflow.publish,
            "%d article published.",
            "%d articles published.",
        )

    @admin.action(
        permissions=["publish"],
        description=_("Schedule publication…"),
        location=EVERYWHERE,
    )
    def schedule(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self._ask(request, queryset, form, "schedule", _("Schedule"))
        self._apply(
            request,
            queryset,
            workflow.schedule,
            "%d article scheduled.",
            "%d articles scheduled.",
            when=form.cleaned_data["when"],
        )

    @admin.action(
        permissions=["publish"], description=_("Request changes…"), location=EVERYWHERE
    )
    def request_changes(self, request, queryset):
        form = RequestChangesForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self._ask(
                request, queryset, form, "request_changes", _("Send back to the author")
            )
        self._apply(
            request,
            queryset,
            workflow.request_changes,
            "%d article sent back to its author.",
            "%d articles sent back to their authors.",
            note=form.cleaned_data["note"],
        )

    @admin.action(
        permissions=["publish"], description=_("Unpublish"), location=EVERYWHERE
    )
    def unpublish(self, request, queryset):
        self._apply(
            request,
            queryset,
            workflow.unpublish,
            "%d article unpublished.",
            "%d articles unpublished.",
        )

    def _apply(self, request, queryset, service, singular, plural, **kwargs):
        """Run `service` on each article; report the done and the refused."""
        done = 0
        for article in queryset.select_related("author"):
            try:
                service(article, by=request.user, **kwargs)
            except workflow.WorkflowError as error:
                self.message_user(request, f"“{article}”: {error}", messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(
                request, ngettext(singular, plural, done) % done, messages.SUCCESS
            )

    def _ask(self, request, queryset, form, action, button):
        """The page between choosing the action and applying it."""
        context = {
            **self.admin_site.each_context(request),
            "title": self.get_actions(request)[action].description,
            "opts": self.model._meta,
            "articles": queryset,
            "form": form,
            "action": action,
            "button": button,
            "checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/blog/article/workflow_action.html", context
        )
