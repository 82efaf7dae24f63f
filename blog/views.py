from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import DetailView, ListView

from accounts.models import Author

from .comment_views import comment_form_context, own_comment_ids
from .comments import build_thread
from .forms import SearchForm
from .models import Article, Category, Comment, SlugRedirect, Tag
from .seo import article_structured_data

RELATED_LIMIT = 3


class ArticleListView(ListView):
    """The home page: the latest public articles."""

    paginate_by = settings.FOLIO_ARTICLES_PER_PAGE
    template_name = "blog/article_list.html"

    def get_queryset(self):
        return Article.objects.published().for_listing()


class ArticleDetailView(DetailView):
    template_name = "blog/article_detail.html"

    def get_queryset(self):
        articles = with_neighbours(Article.objects.visible_to(self.request.user))
        return articles.select_related("author", "category").prefetch_related(
            Prefetch("tags", queryset=Tag.objects.order_by("name"))
        )

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            moved = SlugRedirect.objects.filter(old_slug=kwargs["slug"]).first()
            if moved is None:
                raise
            return redirect(moved.article, permanent=True)
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        own_ids = own_comment_ids(self.request)  # pending, shown to their author
        comments = list(article.comments.shown_to(own_ids).order_by("created_at", "pk"))
        approved = [c for c in comments if c.status == Comment.Status.APPROVED]
        context.update(
            comment_form_context(
                self.request, article, approved, context.get("comment_form")
            )
        )
        context.update(
            comments=build_thread(comments),
            comment_count=len(approved),
            related_articles=self._related(article),
            previous_article=self._neighbour(article, "previous"),
            next_article=self._neighbour(article, "next"),
            structured_data=article_structured_data(
                article, self.request, settings.SITE_NAME
            ),
        )
        return context

    def _related(self, article):
        """Public articles sharing the most tags with this one."""
        tag_ids = [tag.pk for tag in article.tags.all()]
        if not tag_ids:
            return []
        return list(
            Article.objects.published()
            .exclude(pk=article.pk)
            .filter(tags__in=tag_ids)
            .annotate(shared_tags=Count("tags"))
            .order_by("-shared_tags", "-published_at")
            .select_related("author")
            .only("title", "slug", "published_at", "author__display_name")[
                :RELATED_LIMIT
            ]
        )

    @staticmethod
    def _neighbour(article, direction):
        """The previous or next public article, from the page's one query."""
        slug = getattr(article, f"{direction}_slug")
        if not article.is_public or slug is None:
            return None
        return {
            "title": getattr(article, f"{direction}_title"),
            "url": reverse("blog:article_detail", kwargs={"slug": slug}),
        }


def with_neighbours(articles):
    """Annotate each article with its public neighbours in publication order.

    Subqueries, so the article page needs no extra query for previous/next.
    """
    public = Article.objects.published().exclude(pk=OuterRef("pk"))
    same_time = Q(published_at=OuterRef("published_at"))
    older = public.filter(
        Q(published_at__lt=OuterRef("published_at"))
        | same_time & Q(pk__lt=OuterRef("pk"))
    ).order_by("-published_at", "-pk")
    newer = public.filter(
        Q(published_at__gt=OuterRef("published_at"))
        | same_time & Q(pk__gt=OuterRef("pk"))
    ).order_by("published_at", "pk")
    return articles.annotate(
        previous_slug=Subquery(older.values("slug")[:1]),
        previous_title=Subquery(older.values("title")[:1]),
        next_slug=Subquery(newer.values("slug")[:1]),
        next_title=Subquery(newer.values("title")[:1]),
    )


class FilteredArticleListView(ListView):
    """Public articles of one category, tag or author; the filter is the object."""

    paginate_by = settings.FOLIO_ARTICLES_PER_PAGE
    model_class = None
    filter_field = ""

    def get_queryset(self):
        self.object = self.get_object()
        return (
            Article.objects.published()
            .filter(**{self.filter_field: self.object})
            .for_listing()
        )

    def get_object(self):
        return get_object_or_404(self.model_class, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)


class CategoryDetailView(FilteredArticleListView):
    model_class = Category
    filter_field = "category"
    template_name = "blog/category_detail.html"


class TagDetailView(FilteredArticleListView):
    model_class = Tag
    filter_field = "tags"
    template_name = "blog/tag_detail.html"


def public_authors():
    """Authors with at least one public article; nobody else has a page."""
    public = Article.objects.published()
    return Author.objects.annotate(
        article_count=Count("articles", filter=Q(articles__in=public))
    ).filter(article_count__gt=0)


class AuthorListView(ListView):
    template_name = "blog/author_list.html"
    paginate_by = 24

    def get_queryset(self):
        return public_authors().order_by("display_name")


class AuthorDetailView(FilteredArticleListView):
    filter_field = "author"
    template_name = "blog/author_detail.html"

    def get_object(self):
        return get_object_or_404(public_authors(), slug=self.kwargs["slug"])


class SearchView(ListView):
    """Public articles matching `?q=`, best match first."""

    paginate_by = settings.FOLIO_ARTICLES_PER_PAGE
    template_name = "blog/search.html"

    def get_queryset(self):
        self.form = SearchForm(self.request.GET)
        self.query = self.form.cleaned_data["q"] if self.form.is_valid() else ""
        if not self.query:
            return Article.objects.none()
        return (
            Article.objects.published()
            .search(self.query)
            .select_related("author")
            .defer("body", "body_text", "toc")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, query=self.query, **kwargs)
