"""The editors' side of the article admin: the review queue and its actions.

Every status change goes through blog/workflow.py, so it is checked and
recorded; the change form shows status and publication time read-only. The
change page shows the editorial warnings and the transition history.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import ActionLocation, helpers
from django.db.models import Case, F, IntegerField, OuterRef, Subquery, Value, When
from django.template.defaultfilters import linebreaks_filter
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import workflow
from .editorial import check_article
from .models import Article, ArticleTransition

Status = Article.Status
NOTE_MAX_LENGTH = 5000
# On the changelist, and on an article's own change page.
AUTHOR_EDITABLE = (Status.DRAFT, Status.CHANGES_REQUESTED)
EVERYWHERE = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(
        label=_("Publish at"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["when"].help_text = _(
            "A date and time in the future, in the site's time zone (%(zone)s)."
        ) % {"zone": timezone.get_current_timezone_name()}

    def clean_when(self):
        when = self.cleaned_data["when"]
        if when <= timezone.now():
            raise forms.ValidationError(
                _("Choose a time in the future, or use “Publish now”.")
            )
        return when


class RequestChangesForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the author"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 70}),
        help_text=_("Say what should change; the author receives it by email."),
    )


def submitted_at():
    """When each article last entered the review queue."""
    return Subquery(
        ArticleTransition.objects.filter(
            article=OuterRef("pk"), to_status=Status.SUBMITTED
        )
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )


class ArticleWorkflowMixin:
    """Mixed into `ArticleAdmin` (blog/admin.py)."""

    def get_queryset(self, request):
        articles = super().get_queryset(request)
        if not workflow.is_editor(request.user):
            return articles
        return articles.annotate(submitted_at=submitted_at())

    def get_ordering(self, request):
        """For editors: the review queue first, oldest submission first.

        Expressions, not annotations: the admin also orders plain querysets
        (a foreign key's choices) with this.
        """
        if not workflow.is_editor(request.user):
            return super().get_ordering(request)
        in_review = Case(
            When(status=Status.SUBMITTED, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [
            in_review.asc(),
            submitted_at().asc(nulls_last=True),
            F("published_at").desc(nulls_last=True),
            "-pk",
        ]

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if workflow.is_editor(request.user) and "status" in columns:
            columns.insert(columns.index("status") + 1, "submitted")
        return columns

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        fields += ["status", "published_at"]  # changed by the actions only
        if self.slug_is_frozen(request, obj):
            fields.append("slug")
        if obj is not None:
            fields += ["editorial_checks", "transition_history"]
        return list(dict.fromkeys(fields))

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.insert(
                1,
                (
                    _("Review"),
                    {"fields": ["editorial_checks", "transition_history"]},
                ),
            )
        return fieldsets

    def get_prepopulated_fields(self, request, obj=None):
        if self.slug_is_frozen(request, obj):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def slug_is_frozen(self, request, obj) -> bool:
        """Once published, only editors change the slug (a redirect is kept)."""
        return (
            obj is not None
            and obj.published_at is not None
            and not workflow.is_editor(request.user)
        )

    def has_change_permission(self, request, obj=None):
        """Authors edit drafts and articles sent back to them, as on the dashboard.

        In review, the article is the editors'; published, changing it would
        publish the change unreviewed.
        """
        if (
            obj is not None
            and obj.status not in AUTHOR_EDITABLE
            and not workflow.is_editor(request.user)
        ):
            return False
        return super().has_change_permission(request, obj)

    def has_publish_permission(self, request):
        return workflow.is_editor(request.user)

    @admin.display(description=_("Submitted"), ordering="submitted_at")
    def submitted(self, article):
        if article.status != Status.SUBMITTED or article.submitted_at is None:
            return "—"
        return timezone.localtime(article.submitted_at).strftime("%Y-%m-%d %H:%M")

    @admin.display(description=_("Editorial checks"))
    def editorial_checks(self, article):
        warnings = check_article(article)
        if not warnings:
            return _("No warnings.")
        items = format_html_join(
            "",
            "<li><strong>{}</strong>: {}</li>",
            ((w.where, w.message) for w in warnings),
        )
        return format_html('<ul class="editorial-warnings">{}</ul>', items)

    @admin.display(description=_("History"))
    def transition_history(self, article):
        steps = workflow.history(article)
        if not steps:
            return _("No steps recorded yet.")
        items = format_html_join("", "<li>{}</li>", ((_step(s),) for s in steps))
        return format_html('<ol class="transition-history">{}</ol>', items)

    # Actions

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
            workflow.publish,
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


def _step(step):
    """One line of history: when, who, from → to, and the note if any."""
    line = format_html(
        "{}, {}: {} → {}",
        timezone.localtime(step.created_at).strftime("%Y-%m-%d %H:%M"),
        step.actor or _("(unknown)"),
        step.get_from_status_display() or "—",
        step.get_to_status_display(),
    )
    if step.to_status == Status.PUBLISHED and step.scheduled_for:
        when = timezone.localtime(step.scheduled_for).strftime("%Y-%m-%d %H:%M")
        line = format_html("{} (scheduled for {})", line, when)
    if step.note:
        line = format_html(
            "{}<blockquote>{}</blockquote>", line, linebreaks_filter(step.note)
        )
    return line
