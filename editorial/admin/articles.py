"""The editors' desk for articles: the review queue, its actions, the history.

Authors never get staff status (they write in the dashboard), so this admin
is for editors only. Every status change goes through editorial/workflow.py,
so it is checked and recorded; the change form shows status and
publication time read-only. The change page shows the editorial warnings,
the transition history and the revisions.
"""

from django.contrib import admin
from django.db.models import Case, F, IntegerField, OuterRef, Subquery, Value, When
from django.template.defaultfilters import linebreaks_filter
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import Author
from blog.models import Article, SlugRedirect

from .. import workflow
from ..checks import check_article
from ..forms import ArticleAdminForm
from ..models import ArticleProposal, ArticleTransition
from ..preview_links import may_be_previewed
from .revisions import RevisionsAdminMixin
from .workflow_actions import WorkflowActionsMixin

Status = Article.Status


def submitted_at():
    """When each article last entered the review queue."""
    return Subquery(
        ArticleTransition.objects.filter(
            article=OuterRef("pk"), to_status=Status.SUBMITTED
        )
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )


class SlugRedirectInline(admin.TabularInline):
    model = SlugRedirect
    extra = 0
    readonly_fields = ["old_slug", "created_at"]
    can_delete = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(WorkflowActionsMixin, RevisionsAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "author",
        "category",
        "state",
        "submitted",
        "published_at",
        "link",
    ]
    list_filter = ["status", "category", "author"]
    search_fields = ["title", "summary", "body_text"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "tags", "category"]
    list_select_related = ["author", "category"]
    # Status and publication time change through the actions only.
    readonly_fields = [
        "status",
        "published_at",
        "reading_time",
        "created_at",
        "updated_at",
    ]
    inlines = [SlugRedirectInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "author", "summary", "body_source"]}),
        (_("Cover"), {"fields": ["cover", "cover_alt"]}),
        (_("Filing"), {"fields": ["category", "tags"]}),
        (_("Comments"), {"fields": ["comments_enabled", "comments_close_after_days"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "reading_time",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    class Media:
        # The body's widget brings the image upload script; this dresses its
        # Insert image button and dialog as the admin's own.
        css = {"all": ["css/admin-images.css"]}

    def get_queryset(self, request):
        articles = super().get_queryset(request).select_related("author")
        return articles.annotate(submitted_at=submitted_at())

    def get_ordering(self, request):
        """The review queue first, oldest submission first.

        Expressions, not annotations: the admin also orders plain querysets
        (a foreign key's choices) with this.
        """
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

    def has_add_permission(self, request):
        """Only editors create articles here; authors write in the dashboard."""
        return super().has_add_permission(request) and workflow.is_editor(request.user)

    def save_model(self, request, obj, form, change):
        previous = form.initial.get("author") if change else None
        super().save_model(request, obj, form, change)
        if change and "author" in form.changed_data:
            workflow.record_author_change(
                obj, previous=Author.objects.get(pk=previous), by=request.user
            )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not workflow.is_editor(request.user):
            fields.append("author")  # only editors credit an article to someone
        if obj is not None:
            fields += ["editorial_checks", "transition_history", "preview_sharing"]
            fields += ["proposed_updates"]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            review = ["editorial_checks", "transition_history", "preview_sharing"]
            review += ["proposed_updates"]
            fieldsets.insert(1, (_("Review"), {"fields": review}))
        return fieldsets

    @admin.display(description=_("Page"))
    def link(self, article):
        return format_html('<a href="{}">View</a>', article.get_absolute_url())

    @admin.display(description=_("Status"), ordering="status")
    def state(self, article):
        """The status, with a publication still to come shown as Scheduled."""
        if article.is_scheduled:
            when = timezone.localtime(article.published_at).strftime("%Y-%m-%d %H:%M")
            return format_html("Scheduled for {}", when)
        return article.get_status_display()

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

    @admin.display(description=_("Preview links"))
    def preview_sharing(self, article):
        if not may_be_previewed(article):
            return _("Only an unpublished article can be previewed.")
        url = reverse("editorial:preview_link_list", args=[article.pk])
        return format_html('<a href="{}">Share a preview without an account</a>', url)

    @admin.display(description=_("Proposed updates"))
    def proposed_updates(self, article):
        """The author's updates to this published article waiting for an editor."""
        waiting = article.proposals.filter(status=ArticleProposal.Status.SUBMITTED)
        count = waiting.count()
        if not count and not article.proposals.exists():
            return _("None.")
        url = reverse("admin:editorial_articleproposal_changelist")
        label = ngettext("%d in review", "%d in review", count) % count
        return format_html(
            '<a href="{}?article__id__exact={}">{}</a>', url, article.pk, label
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
