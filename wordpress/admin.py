"""Imports from WordPress, for editors: upload an export, then watch it run.

Adding a run stores the files and queues the import (`tasks.start_import`);
the admin then shows the run's progress page, which refreshes itself until
the import ends and then keeps its report. A run is never edited. Only a
superuser may delete one, once it has ended (or, if its worker died, once it
has been unfinished for a day), and deleting it deletes any file it still
holds.
"""

from datetime import timedelta

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.permissions import IMPORT_WORDPRESS

from .forms import ImportRunForm
from .models import ImportRun
from .report import OUTCOMES
from .tasks import delete_files, start_import

UNFINISHED = (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING)
REFRESH_SECONDS = 3
# An import of 5,000 posts takes minutes; one unfinished after this is lost.
STALLED_AFTER = timedelta(days=1)


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    form = ImportRunForm
    list_display = [
        "__str__",
        "status",
        "dry_run",
        "items_done",
        "started_by",
        "created_at",
        "finished_at",
    ]
    list_filter = ["status", "dry_run"]
    list_select_related = ["started_by"]
    actions = None  # a bulk delete could take a run the worker is writing to

    def has_add_permission(self, request):
        return request.user.has_perm(IMPORT_WORDPRESS)

    def has_change_permission(self, request, obj=None):
        return False  # a run is its report

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status in UNFINISHED:
            if obj.created_at > timezone.now() - STALLED_AFTER:
                return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.started_by = request.user
        obj.source_name = form.cleaned_data["export_file"].name[:255]
        obj.status = ImportRun.Status.QUEUED
        super().save_model(request, obj, form, change)
        start_import(obj)

    def response_add(self, request, obj, post_url_continue=None):
        return redirect(obj.get_absolute_url())

    def delete_model(self, request, obj):
        delete_files(obj, save=False)
        super().delete_model(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The progress page: how far the import got, then its report."""
        run = self.get_object(request, unquote(object_id))
        if run is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, run):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import of %(name)s") % {"name": run},
            "run": run,
            "outcomes": OUTCOMES,
            "counts": counts_table(run),
            "refresh_seconds": REFRESH_SECONDS if run.status in UNFINISHED else None,
            "has_delete_permission": self.has_delete_permission(request, run),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/wordpress/importrun/progress.html", context
        )


def counts_table(run: ImportRun) -> list[dict]:
    """One row per kind: its count of each outcome, then any other tally
    the importer keeps for it (such as sticky posts), as text."""
    rows = []
    for kind, outcomes in sorted(run.counts.items()):
        rows.append(
            {
                "kind": kind,
                "outcomes": [outcomes.get(outcome, 0) for outcome in OUTCOMES],
                "other": ", ".join(
                    f"{n} {name}"
                    for name, n in outcomes.items()
                    if name not in OUTCOMES
                ),
            }
        )
    return rows
