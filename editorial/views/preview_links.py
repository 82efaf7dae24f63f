"""Preview links: made and revoked in the dashboard, opened by anyone.

The dashboard pages find the article among those the user may manage (their
own, or any for an editor), so another author's article is a 404. A new
link's token is shown once, on the page the making of it redirects to; it
travels there in the session, never in a URL or a cookie.

The preview page needs no account. Its answers, the article or the refusal,
are `Cache-Control: private, no-store` (the page cache, front caches and
browsers keep none of them), `X-Robots-Tag: noindex` and send no referrer,
so the token stays out of other sites' logs.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from blog.models import Article
from blog.views import ArticleDetailView
from core.permissions import PREVIEW_ARTICLE
from core.views import message_page

from ..preview_links import (
    DEAD_LINK,
    PreviewLinkError,
    article_for_preview,
    create_preview_link,
    lifetime_days,
    may_be_previewed,
    revoke_preview_link,
    sharing_blocker,
)

NEW_TOKEN_KEY = "editorial.new_preview_link"


def _managed_article(request, pk) -> Article:
    """The article if the user may manage its links; else 404."""
    articles = Article.objects.select_related("author")
    if not request.user.has_perm(PREVIEW_ARTICLE):
        articles = articles.filter(author__user=request.user)
    return get_object_or_404(articles, pk=pk)


@never_cache
@login_required
def preview_link_list(request, pk):
    """The article's links, newest first, and the button that makes one."""
    article = _managed_article(request, pk)
    new_url = None
    new = request.session.pop(NEW_TOKEN_KEY, None)
    if new and new.get("article") == article.pk:
        new_url = request.build_absolute_uri(
            reverse("editorial:article_preview", args=[new["token"]])
        )
    return _render_list(request, article, new_url=new_url)


def _render_list(request, article, *, new_url=None, status=200):
    context = {
        "article": article,
        "links": list(article.preview_links.select_related("created_by", "revoked_by")),
        "new_url": new_url,
        "blocker": sharing_blocker(request.user, article),
        "previewable": may_be_previewed(article),
        "lifetime_days": lifetime_days(),
    }
    return render(
        request,
        "editorial/preview_links/preview_link_list.html",
        context,
        status=status,
    )


@never_cache
@login_required
@require_POST
def preview_link_create(request, pk):
    article = _managed_article(request, pk)
    try:
        _link, token = create_preview_link(article=article, by=request.user)
    except PreviewLinkError as error:
        messages.error(request, str(error))
        return _render_list(request, article, status=403)
    request.session[NEW_TOKEN_KEY] = {"article": article.pk, "token": token}
    return redirect("editorial:preview_link_list", pk=article.pk)


@never_cache
@login_required
@require_POST
def preview_link_revoke(request, pk, link_pk):
    article = _managed_article(request, pk)
    link = get_object_or_404(article.preview_links, pk=link_pk)
    revoke_preview_link(link=link, by=request.user)
    messages.success(request, "The link is revoked: it no longer opens the article.")
    return redirect("editorial:preview_link_list", pk=article.pk)


class ArticlePreviewView(ArticleDetailView):
    """The article as readers will see it, for whoever holds a live link."""

    template_name = "editorial/preview_links/article_preview.html"
    http_method_names = ["get", "head"]

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        response["Referrer-Policy"] = "no-referrer"
        return response

    def get_object(self, queryset=None):
        return article_for_preview(self.kwargs["token"])

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except PreviewLinkError:
            return message_page(
                request,
                title="This preview link does not work",
                message=DEAD_LINK,
                status=404,
            )
        if self.object.is_public:
            return redirect(self.object)
        return self.render_to_response(self.get_context_data(object=self.object))


article_preview = ArticlePreviewView.as_view()
