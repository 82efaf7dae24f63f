from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.db.models.functions import Greatest
from django.urls import reverse

from accounts.models import Author

from .models import Article, Category, Tag
from .pages import Page


class HomeSitemap(Sitemap):
    def items(self):
        return ["blog:article_list"]

    def location(self, name):
        return reverse(name)


class ArticleSitemap(Sitemap):
    def items(self):
        # A list, so the paginator counts it without a query of its own.
        public = Article.objects.published()
        return list(public.only("slug", "published_at", "updated_at"))

    def lastmod(self, article):
        return article.updated_at


class PageSitemap(Sitemap):
    def items(self):
        return list(Page.objects.published().only("slug", "updated_at"))

    def lastmod(self, page):
        return page.updated_at


class ArchiveSitemap(Sitemap):
    """Pages listing articles: only those with a public article are listed."""

    model = None

    def items(self):
        public = Article.objects.published()
        # A scheduled article changes the page when it goes live, not when saved.
        changed = Greatest("articles__updated_at", "articles__published_at")
        return list(
            self.model.objects.annotate(
                last_change=Max(changed, filter=Q(articles__in=public))
            )
            .filter(last_change__isnull=False)
            .order_by("pk")
        )

    def lastmod(self, obj):
        return obj.last_change


class CategorySitemap(ArchiveSitemap):
    model = Category


class TagSitemap(ArchiveSitemap):
    model = Tag


class AuthorSitemap(ArchiveSitemap):
    model = Author


SITEMAPS = {
    "home": HomeSitemap,
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "pages": PageSitemap,
}
