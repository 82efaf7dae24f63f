"""The editors' desk for proposed updates to published articles.

Editors only. The list puts the updates in review first, oldest submission
first; an author's unsubmitted drafts are not listed. An update's page is
read-only: it shows what publishing would change on the live article and,
when the article changed since the update was proposed, what changed. Its
two buttons, "Publish this update" and "Return to the author…", call
editorial/proposals.py like the dashboard does.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, F, IntegerField, Value, When
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from .. import proposals
from ..forms import RequestChangesForm
from ..models import ArticleProposal
from ..versions import current_version
from ..workflow import WorkflowError, is_editor

Status = ArticleProposal.Status


@admin.register(ArticleProposal)
class ArticleProposalAdmin(admin.ModelAdmin):
    list_display = ["article", "author", "status", "submitted_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["title", "article__title", "author__username"]
    list_select_related = ["article", "author"]

    def get_queryset(self, request):
        proposals = super().get_queryset(request).exclude(status=Status.DRAFT)
        return proposals.select_related("article__author", "author", "decided_by")

    def get_ordering(self, request):
        in_review = Case(
            When(status=Status.SUBMITTED, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [
            in_review.asc(),
            F("submitted_at").asc(nulls_last=True),
            "-updated_at",
            "-pk",
        ]

    # Editors only, and the page is read-only: the buttons do the changes.

    def has_module_permission(self, request):
        return is_editor(request.user)

    def has_view_permission(self, request, obj=None):
        return is_editor(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/publish/",
                view(require_POST(self.publish_view)),
                name="editorial_articleproposal_publish",
            ),
            path(
                "<path:object_id>/return/",
                view(require_POST(self.return_view)),
                name="editorial_articleproposal_return",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        proposal = self._proposal(request, object_id)
        return self._review(request, proposal, RequestChangesForm())

    def publish_view(self, request, object_id):
        proposal = self._proposal(request, object_id)
        try:
            proposals.publish_proposal(
                proposal,
                by=request.user,
                over_version=_version(request.POST.get("over_version", "")),
            )
        except WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(self._url("change", proposal.pk))
        self.message_user(
            request,
            f"The update to “{proposal.article}” is published; readers see it now.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self._url("changelist"))

    def return_view(self, request, object_id):
        proposal = self._proposal(request, object_id)
        form = RequestChangesForm(request.POST)
        if not form.is_valid():
            return self._review(request, proposal, form, status=400)
        try:
            proposals.return_proposal(
                proposal, by=request.user, note=form.cleaned_data["note"]
            )
        except WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(self._url("change", proposal.pk))
        self.message_user(
            request,
            f"The update to “{proposal.article}” is returned to its author.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self._url("changelist"))

    def _proposal(self, request, object_id) -> ArticleProposal:
        if not self.has_view_permission(request):
            raise PermissionDenied
        proposal = self.get_object(request, object_id)
        if proposal is None:
            raise Http404("No such proposed update.")
        return proposal

    def _review(self, request, proposal, form, *, status=200):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Proposed update to “{proposal.article}”",
            "proposal": proposal,
            "article": proposal.article,
            "diff": proposals.proposal_diff(proposal),
            "changed_since": proposals.changes_since_proposed(proposal),
            "current_version": current_version(proposal.article),
            "in_review": proposal.status == Status.SUBMITTED,
            "form": form,
        }
        return TemplateResponse(
            request,
            "admin/editorial/articleproposal/review.html",
            context,
            status=status,
        )

    def _url(self, name, *args):
        return reverse(f"admin:editorial_articleproposal_{name}", args=args)


def _version(value: str) -> int | None:
    """The article version a form sent, or None for anything but a plain number."""
    if value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None
