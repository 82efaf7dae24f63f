"""A site page at `/<slug>/`: the last address the URLconf tries."""

from django.views.generic import DetailView

from core.pageshell import PageShellMixin
from core.permissions import PREVIEW_ARTICLE

from .pages import Page


class PageDetailView(PageShellMixin, DetailView):
    """A published page; editors also see unpublished ones, marked as such.

    A miss is a plain 404, which other apps may answer instead (an old
    address moved here keeps its redirect).
    """

    template_name = "blog/page_detail.html"
    context_object_name = "page"

    def get_queryset(self):
        pages = Page.objects.all()
        is_editor = self.request.user.has_perm(PREVIEW_ARTICLE)
        return pages if is_editor else pages.published()

    def shell_vary(self):
        """No shell for an unpublished page, which only editors see."""
        return super().shell_vary() if self.object.published else None
