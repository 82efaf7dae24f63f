from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from imaging.fields import random_image_name

from ..sanitize import add_heading_ids, html_to_text, reading_minutes, sanitize_html


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:category_detail", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:tag_detail", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of public: published, and its time has come."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def visible_to(self, user):
        """Public articles, plus the ones this user may preview."""
        if user.has_perm("blog.preview_article"):
            return self
        public = Q(pk__in=self.published().values("pk"))
        if user.is_authenticated:
            return self.filter(public | Q(author__user=user))
        return self.filter(public)

    def with_comment_count(self):
        return self.annotate(
            comment_count=Count("comments", filter=Q(comments__status="approved"))
        )

    def for_listing(self):
        """What an article card shows, in a fixed number of queries."""
        return (
            self.select_related("author", "category")
            .with_comment_count()
            .defer("body", "body_text", "toc")
            .order_by("-published_at", "-pk")  # GROUP BY drops Meta.ordering
        )

    def search(self, query: str):
        from ..search import search_articles

        return search_articles(self, query)


def cover_upload_to(instance, filename):
    return random_image_name("covers", filename)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    author = models.ForeignKey(
        "accounts.Author", models.PROTECT, related_name="articles"
    )
    summary = models.TextField(_("summary"), max_length=500, blank=True)
    body = models.TextField(_("body"), help_text=_("HTML; cleaned when saved."))
    # What the author typed in the dashboard (Markdown); `body` is rendered from it.
    body_source = models.TextField(_("body source"), blank=True, editable=False)
    cover = models.ImageField(
        _("cover image"),
        upload_to=cover_upload_to,
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
    )
    cover_alt = models.CharField(_("cover alt text"), max_length=250, blank=True)
    category = models.ForeignKey(
        Category,
        models.PROTECT,
        related_name="articles",
        null=True,
        blank=True,
    )
    tags = models.ManyToManyField(Tag, related_name="articles", blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_(
            "Set by the publish and schedule actions; a future time is a schedule."
        ),
    )
    comments_enabled = models.BooleanField(_("comments enabled"), default=True)
    comments_close_after_days = models.PositiveIntegerField(
        _("close comments after (days)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the site's setting; 0 never closes them."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Derived at save time, never per request.
    body_text = models.TextField(editable=False, default="")
    toc = models.JSONField(editable=False, default=list)
    reading_time = models.PositiveSmallIntegerField(editable=False, default=1)
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_widths = models.JSONField(default=list, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(cover__gt="") | ~Q(cover_alt=""),
                name="blog_article_cover_needs_alt",
                violation_error_message=_("A cover image needs alt text."),
            )
        ]
        permissions = [
            ("publish_article", "Can publish articles"),
            ("preview_article", "Can preview any article"),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_slug = self.slug

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Fill the derived fields; remember a changed slug so old links redirect."""
        self.body = sanitize_html(self.body)
        self.body, self.toc = add_heading_ids(self.body)
        self.body_text = html_to_text(self.body)
        self.reading_time = reading_minutes(self.body_text)
        if not self.slug:
            self.slug = self._unique_slug()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {
                "body", "toc", "body_text", "reading_time"
            }  # fmt: skip
        old_slug = self._saved_slug
        super().save(*args, **kwargs)
        if old_slug and old_slug != self.slug:
            SlugRedirect.objects.update_or_create(
                old_slug=old_slug, defaults={"article": self}
            )
        SlugRedirect.objects.filter(old_slug=self.slug).delete()
        self._saved_slug = self.slug

    def get_absolute_url(self):
        return reverse("blog:article_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    def comments_open(self) -> bool:
        """Public, switched on, and not past the closing age (days after publishing)."""
        if not (self.comments_enabled and self.is_public):
            return False
        days = self.comments_close_after_days
        if days is None:
            days = settings.FOLIO_COMMENTS_CLOSE_AFTER_DAYS
        return not days or timezone.now() < self.published_at + timedelta(days=days)

    def _unique_slug(self):
        base = slugify(self.title)[:190] or "article"
        slug, n = base, 1
        taken = Article.objects.exclude(pk=self.pk)
        while taken.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    def publish(self, *, when=None):
        self.status = self.Status.PUBLISHED
        self.published_at = when or self.published_at or timezone.now()
        self.save(update_fields=["status", "published_at", "updated_at"])

    def unpublish(self):
        self.status = self.Status.DRAFT
        self.save(update_fields=["status", "updated_at"])


class SlugRedirect(models.Model):
    """An article's former slug; its old address answers with a 301."""

    old_slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(Article, models.CASCADE, related_name="slug_redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"
