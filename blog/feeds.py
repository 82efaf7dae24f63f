"""Atom feeds of public articles: the whole site, one category, one author."""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import Article, Category, public_authors

FEED_LENGTH = 20
XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class ArticleAtomFeed(Atom1Feed):
    """Atom with the article body as `<content>` next to its summary.

    The summary is plain text, and says so: Django would declare it HTML, and
    a feed reader would then render markup typed in a summary.
    """

    def item_attributes(self, item):
        # Relative links and images in the body resolve against the article.
        return {**super().item_attributes(item), "xml:base": item["link"]}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["summary"]:
            handler.addQuickElement("summary", item["summary"], {"type": "text"})
        handler.addQuickElement("content", item["content"], {"type": "html"})


class SafeFeed(Feed):
    """A feed answers GET and HEAD only."""

    def __call__(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return super().__call__(request, *args, **kwargs)


class LatestArticlesFeed(SafeFeed):
    feed_type = ArticleAtomFeed
    filter_field = None

    def title(self):
        return settings.FOLIO_SITE_NAME

    def subtitle(self):
        return settings.FOLIO_SITE_DESCRIPTION

    def link(self):
        return reverse("blog:article_list")

    def items(self, obj):
        articles = Article.objects.published()
        if self.filter_field:
            articles = articles.filter(**{self.filter_field: obj})
        return (
            articles.select_related("author", "category")
            .prefetch_related("tags")
            .defer("body_text", "toc")[:FEED_LENGTH]
        )

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Django makes only the item link absolute; readers need the byline too.
        for item in feed.items:
            item["author_link"] = request.build_absolute_uri(item["author_link"])
        # XML 1.0 cannot hold most control characters, which forms accept in
        # titles and names: Django would refuse the whole feed (a 500).
        for values in (feed.feed, *feed.items):
            for key, value in values.items():
                if isinstance(value, str):
                    values[key] = XML_UNSAFE.sub("", value)
                elif key == "categories" and value:
                    values[key] = [XML_UNSAFE.sub("", name) for name in value]
        return feed

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return None  # the summary goes out as text (ArticleAtomFeed)

    def item_extra_kwargs(self, article):
        return {"summary": article.summary, "content": article.body}

    def item_author_name(self, article):
        return article.author.display_name

    def item_author_link(self, article):
        return article.author.get_absolute_url()

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_categories(self, article):
        category = [article.category.name] if article.category else []
        return category + [tag.name for tag in article.tags.all()]


class CategoryFeed(LatestArticlesFeed):
    filter_field = "category"

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return f"{category.name} · {settings.FOLIO_SITE_NAME}"

    def subtitle(self, category):
        return category.description or None

    def link(self, category):
        return category.get_absolute_url()


class AuthorFeed(LatestArticlesFeed):
    filter_field = "author"

    def get_object(self, request, slug):
        return get_object_or_404(public_authors(), slug=slug)

    def title(self, author):
        return f"{author.display_name} · {settings.FOLIO_SITE_NAME}"

    def subtitle(self, author):
        return f"Articles by {author.display_name}"

    def link(self, author):
        return author.get_absolute_url()
