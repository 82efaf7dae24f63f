"""Which articles readers may see, and the questions pages ask of them."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.utils import timezone

from core.models import PublicContentQuerySet
from core.permissions import PREVIEW_ARTICLE

RELATED_LIMIT = 3


class ArticleQuerySet(PublicContentQuerySet):
    def published(self):
        return self.filter(self.public_now())

    def public_now(self) -> Q:
        """The one definition of public: published, and its time has come."""
        published = self.model.Status.PUBLISHED
        return Q(status=published, published_at__lte=timezone.now())

    def visible_to(self, user):
        """Public articles, plus the ones this user may preview."""
        if not user.is_authenticated:
            return self.published()
        if user.has_perm(PREVIEW_ARTICLE):
            return self
        return self.filter(self.public_now() | Q(author__user=user))

    def related_to(self, article, *, limit=RELATED_LIMIT):
        """Public articles sharing the most tags with `article`.

        Driven from the tags' own index: the candidates are the few articles
        holding one of its tags, however many articles there are.
        """
        tag_ids = [tag.pk for tag in article.sorted_tags]
        if not tag_ids:
            return self.none()
        tagged = self.model.tags.through.objects.filter(tag_id__in=tag_ids)
        shared = (
            tagged.filter(article_id=OuterRef("pk"))
            .order_by()
            .values("article_id")
            .annotate(count=Count("tag_id"))
            .values("count")
        )
        return (
            self.published()
            .filter(pk__in=tagged.values("article_id"))
            .exclude(pk=article.pk)
            .annotate(shared_tags=Subquery(shared))
            .order_by("-shared_tags", "-published_at")
            .select_related("author")
            .only("title", "slug", "published_at", "author__display_name")[:limit]
        )

    def for_listing(self):
        """What an article card shows, in a fixed number of queries."""
        return (
            self.select_related("author", "category")
            .defer("body", "body_source", "body_text", "toc")
            .order_by("-published_at", "-pk")
        )

    def next_publication(self):
        """When the next scheduled article goes public, or None."""
        scheduled = self.filter(
            status=self.model.Status.PUBLISHED, published_at__gt=timezone.now()
        )
        return scheduled.aggregate(Min("published_at"))["published_at__min"]

    def next_comments_closing(self):
        """When comments next close by age on a public article, or None."""
        now = timezone.now()
        site_days = settings.FOLIO_COMMENTS_CLOSE_AFTER_DAYS
        by_site = Q(comments_close_after_days__isnull=True)
        if site_days:
            by_site &= Q(published_at__gt=now - timedelta(days=site_days))
        else:
            by_site = Q(pk__in=[])
        closing = (
            self.published()
            .filter(comments_enabled=True)
            .filter(by_site | Q(comments_close_after_days__gt=0))
            .values_list("published_at", "comments_close_after_days")
        )
        times = (
            published + timedelta(days=days or site_days) for published, days in closing
        )
        return min((when for when in times if when > now), default=None)

    def search(self, query: str):
        from .search import search_articles

        return search_articles(self, query)
