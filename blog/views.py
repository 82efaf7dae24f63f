from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView, TemplateView

from accounts.models import Author
from core.pagecache import cached_value
from core.pageshell import PageShellMixin

from .forms import SearchForm
from .models import Article, Category, SlugRedirect, Tag, public_authors
from .seo import article_structured_data


class KeptCountPaginator(Paginator):
    """Counts a public list once per generation: the count is everyone's."""

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    @cached_property
    def count(self):
        return cached_value(
            self.request, "list-count", [self.request.path], self.object_list.count
        )


class PaginatedListView(PageShellMixin, ListView):
    """A public list paginated by the site's setting, read per request."""

    def get_paginate_by(self, queryset):
        return settings.FOLIO_ARTICLES_PER_PAGE

    def get_paginator(self, *args, **kwargs):
        return KeptCountPaginator(*args, request=self.request, **kwargs)


class ArticleListView(PaginatedListView):
    """The home page: the latest public articles."""

    template_name = "blog/article_list.html"

    def get_queryset(self):
        return Article.objects.published().for_listing()


class ArticleDetailView(PageShellMixin, DetailView):
    """One article. Its comments come from the comments app's template tags."""

    template_name = "blog/article_detail.html"

    def shell_vary(self):
        """No shell for a preview: only what readers may see is kept for all."""
        return super().shell_vary() if self.object.is_public else None

    def get_queryset(self):
        articles = Article.objects.visible_to(self.request.user)
        return articles.select_related("author", "category")

    def get_object(self, queryset=None):
        """A public article comes from the page cache's store, as its fragments do;
        only a preview (an article readers cannot see yet) is asked of the database.
        """
        slug = self.kwargs[self.slug_url_kwarg]
        article = cached_value(
            self.request, "public-article", [slug], lambda: public_article(slug)
        )
        return article if article is not None else super().get_object(queryset)

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
        """Callables for what the page's cached fragments show: asked on a miss only."""
        context = super().get_context_data(**kwargs)
        article = self.object
        context.update(
            related_articles=lambda: list(Article.objects.related_to(article)),
            previous_article=lambda: article.neighbour(older=True),
            next_article=lambda: article.neighbour(older=False),
            structured_data=lambda: article_structured_data(
                article, self.request, settings.FOLIO_SITE_NAME
            ),
        )
        return context


def public_article(slug):
    public = Article.objects.published().select_related("author", "category")
    return public.filter(slug=slug).first()


class FilteredArticleListView(PaginatedListView):
    """Public articles of one category, tag or author; the filter is the object."""

    model_class = None
    filter_field = ""

    def get_queryset(self):
        self.object = self.get_object()
        return Article.objects.published().filter(self.filter()).for_listing()

    def filter(self) -> Q:
        return Q(**{self.filter_field: self.object})

    def get_object(self):
        """The category, tag or author, kept for the generation like the list."""
        slug = self.kwargs["slug"]
        return cached_value(
            self.request,
            "list-object",
            [self.model_class.__name__, slug],
            lambda: get_object_or_404(self.objects(), slug=slug),
        )

    def objects(self):
        return self.model_class.objects.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)


class CategoryDetailView(FilteredArticleListView):
    model_class = Category
    filter_field = "category"
    template_name = "blog/category_detail.html"


class TagDetailView(FilteredArticleListView):
    model_class = Tag
    template_name = "blog/tag_detail.html"

    def filter(self) -> Q:
        """From the tag's own index: the few articles holding it, by primary key."""
        tagged = Article.tags.through.objects.filter(tag=self.object)
        return Q(pk__in=tagged.values("article_id"))


class AuthorListView(PageShellMixin, ListView):
    template_name = "blog/author_list.html"
    paginate_by = 24

    def get_queryset(self):
        published = Q(
            articles__status=Article.Status.PUBLISHED,
            articles__published_at__lte=timezone.now(),
        )
        return (
            public_authors()
            .annotate(article_count=Count("articles", filter=published))
            .order_by("display_name")
        )


class AuthorDetailView(FilteredArticleListView):
    model_class = Author
    filter_field = "author"
    template_name = "blog/author_detail.html"

    def objects(self):
        return public_authors()


class SearchView(PageShellMixin, TemplateView):
    """Public articles matching `?q=`, best match first.

    Each page of results is a fragment kept for the generation, like an
    article's: the same search again (a popular word) costs a lookup.
    """

    template_name = "blog/search.html"

    def shell_vary(self):
        """Never in the page cache (`q` has no bound), but one shell per search
        as typed: the form shows it back, with any error of its own."""
        get = self.request.GET
        return [self.request.path, get.getlist("q"), get.get("page")]

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        results = None
        if query:
            number = self.request.GET.get("page") or "1"
            results = cached_value(
                self.request,
                "search-results",
                [query, number],
                lambda: self.results(query, number),
            )
        return super().get_context_data(
            form=form, query=query, results=results, **kwargs
        )

    def results(self, query, number):
        """The page's number, how many articles match, and the page as HTML."""
        articles = (
            Article.objects.published()
            .search(query)
            .select_related("author")
            .defer("body", "body_text", "toc")
        )
        paginator = Paginator(articles, settings.FOLIO_ARTICLES_PER_PAGE)
        try:
            page = paginator.page(number)
        except InvalidPage as error:
            raise Http404("No such page of results") from error
        html = render_to_string(
            "blog/search.html#results", {"query": query, "page_obj": page}
        )
        return {"number": page.number, "count": paginator.count, "html": html}
