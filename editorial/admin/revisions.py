"""Article revisions in the admin: recorded on each save, listed, compared, restored.

`RevisionsAdminMixin` goes on the article admin. Everyone who may open an
article's change page sees its revisions and their diffs; only editors
(`blog.publish_article`) restore one, by a POST from a confirmation page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime

from core.permissions import PUBLISH_ARTICLE

from ..diff import diff_revisions
from ..revisions import (
    cover_restorable,
    previous_revision,
    record_revision,
    restore_revision,
    revision_from_article,
)

RECENT = 5  # revisions listed on the change page
# A change to one of these on a public article is an update readers are told of.
READER_FIELDS = {"title", "summary", "body_source", "cover", "cover_alt", "category"}
PER_PAGE = 50  # on the revisions page


class RevisionsAdminMixin:
    """For the article ModelAdmin: revisions on save, and the pages to use them."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        revision = record_revision(form.instance, by=request.user)  # tags saved
        if change and READER_FIELDS.intersection(form.changed_data):
            _mark_revised(form.instance, revision)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/revisions/",
                view(self.revisions_view),
                name=f"{prefix}_revisions",
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/",
                view(self.revision_diff_view),
                name=f"{prefix}_revision_diff",
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/restore/",
                view(self.revision_restore_view),
                name=f"{prefix}_revision_restore",
            ),
            *super().get_urls(),
        ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.append(("Revisions", {"fields": ["recent_revisions"]}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields if obj is None else [*fields, "recent_revisions"]

    def has_restore_permission(self, request):
        return request.user.has_perm(PUBLISH_ARTICLE)

    def recent_revisions(self, article):
        """The latest few revisions on the change page, and a link to them all."""
        revisions = article.revisions.select_related("created_by")[:RECENT]
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a> by {}</li>',
            (
                (self._url("revision_diff", article.pk, r.pk), _when(r), _by(r))
                for r in revisions
            ),
        )
        if not rows:
            return "No revisions yet: the next save records one."
        return format_html(
            '<ul class="revision-recent">{}</ul><a href="{}">All revisions</a>',
            rows,
            self._url("revisions", article.pk),
        )

    recent_revisions.short_description = "Recent revisions"

    def _url(self, name, *args):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return reverse(f"admin:{prefix}_{name}", args=args)

    def _article(self, request, object_id):
        """The article, if this user may see it in the admin; else 404 or 403."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404("No such article.")
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _context(self, request, article, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "article": article,
            "can_restore": self.has_restore_permission(request),
            **extra,
        }

    def revisions_view(self, request, object_id):
        article = self._article(request, object_id)
        revisions = article.revisions.select_related("created_by")
        page = Paginator(revisions, PER_PAGE).get_page(request.GET.get("page"))
        context = self._context(
            request, article, f"Revisions of “{article}”", page=page
        )
        return TemplateResponse(
            request, "admin/editorial/articlerevision/revision_list.html", context
        )

    def revision_diff_view(self, request, object_id, revision_id):
        article = self._article(request, object_id)
        revisions = article.revisions.select_related("category", "created_by")
        revision = get_object_or_404(revisions, pk=revision_id)
        revision.article = article
        previous = previous_revision(revision)
        context = self._context(
            request,
            article,
            f"Changes in the revision of {_when(revision)}",
            revision=revision,
            previous=previous,
            diff=diff_revisions(previous, revision),
        )
        return TemplateResponse(
            request, "admin/editorial/articlerevision/revision_diff.html", context
        )

    def revision_restore_view(self, request, object_id, revision_id):
        article = self._article(request, object_id)
        if not self.has_restore_permission(request):
            raise PermissionDenied
        revisions = article.revisions.select_related("category", "created_by")
        revision = get_object_or_404(revisions, pk=revision_id)
        if request.method == "POST":
            return self._restore(request, article, revision)
        context = self._context(
            request,
            article,
            "Restore this revision?",
            revision=revision,
            cover_restorable=cover_restorable(revision),
            diff=diff_revisions(revision_from_article(article), revision),
        )
        return TemplateResponse(
            request, "admin/editorial/articlerevision/revision_restore.html", context
        )

    def _restore(self, request, article, revision):
        restored = restore_revision(revision, by=request.user)
        _mark_revised(article, restored)
        if restored is None:
            self.message_user(
                request,
                "The article already has this content: nothing to restore.",
                messages.INFO,
            )
        else:
            self.message_user(
                request,
                f"Restored the revision of {_when(revision)}; "
                "the restore is kept as a new revision.",
                messages.SUCCESS,
            )
            if not cover_restorable(revision):
                self.message_user(
                    request,
                    "That revision's cover image is no longer stored: the "
                    "current cover and its alt text were kept.",
                    messages.WARNING,
                )
        return HttpResponseRedirect(self._url("change", article.pk))


def _mark_revised(article, revision) -> None:
    """A recorded change to a public article: its page says "Updated on …"."""
    if revision is not None and article.is_public:
        article.revised_at = revision.created_at
        article.save(update_fields=["revised_at"])


def _when(revision):
    return f"{localtime(revision.created_at):%Y-%m-%d %H:%M}"


def _by(revision):
    return revision.created_by or "(unknown)"
