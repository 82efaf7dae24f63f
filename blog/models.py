"""Reading and publishing: articles, their categories and tags, old slugs."""

import enum
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from accounts.models import Author
from core.models import PublicContent
from core.permissions import PREVIEW_ARTICLE, PUBLISH_ARTICLE, SUBMIT_ARTICLE
from imaging.fields import random_image_name

from .body import render_body
from .pages import Page  # noqa: F401  (one of the app's models)
from .queries import ArticleQuerySet


class Category(PublicContent):
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


class Tag(PublicContent):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:tag_detail", kwargs={"slug": self.slug})


def cover_upload_to(instance, filename):
    return random_image_name("covers", filename)


class Article(PublicContent):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

        # The editorial path: the statuses each status may move to. Published
        # to published is a scheduled article scheduled again or published now.
        TRANSITIONS = enum.nonmember(
            {
                "draft": {"submitted", "published"},
                "submitted": {"changes_requested", "published"},
                "changes_requested": {"submitted", "published"},
                "published": {"draft", "published"},
                "archived": set(),
            }
        )

        def can_move_to(self, status) -> bool:
            return status in self.TRANSITIONS[self]

        def is_editable_by_author(self) -> bool:
            """In the author's hands: a draft, or sent back with changes asked."""
            return self in (self.DRAFT, self.CHANGES_REQUESTED)

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    author = models.ForeignKey(
        "accounts.Author", models.PROTECT, related_name="articles"
    )
    summary = models.TextField(_("summary"), max_length=500, blank=True)
    # What authors and editors write (Markdown); `body` is rendered from it.
    body_source = models.TextField(_("body"), blank=True)
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
    # When a change to the published article was last published: readers see
    # "Updated on …". A save that changes nothing readers see leaves it alone.
    revised_at = models.DateTimeField(
        _("updated on"), null=True, blank=True, editable=False
    )

    # Derived at save time, never per request.
    body = models.TextField(_("body HTML"), editable=False, default="")
    body_text = models.TextField(editable=False, default="")
    toc = models.JSONField(editable=False, default=list)
    reading_time = models.PositiveSmallIntegerField(editable=False, default=1)
    # Approved comments, kept by the comments app whenever one changes: a
    # listing shows counts without counting.
    comment_count = models.PositiveIntegerField(editable=False, default=0)
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_widths = models.JSONField(default=list, blank=True, editable=False)

    RENDERED_FIELDS = ("body", "toc", "body_text", "reading_time")

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        # The listings: all public articles, an author's, a category's.
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["author", "status", "-published_at"]),
            models.Index(fields=["category", "status", "-published_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(cover__gt="") | ~Q(cover_alt=""),
                name="blog_article_cover_needs_alt",
                violation_error_message=_("A cover image needs alt text."),
            )
        ]
        permissions = [
            (PUBLISH_ARTICLE.split(".")[1], "Can publish articles"),
            (PREVIEW_ARTICLE.split(".")[1], "Can preview any article"),
            (SUBMIT_ARTICLE.split(".")[1], "Can submit articles for review"),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_slug = self.slug
        self._loaded_status = self.__dict__.get("status") if self.pk else None
        # The source `body` was rendered from (None: not yet); read without
        # loading a deferred field.
        self._rendered_source = self.__dict__.get("body_source") if self.pk else None

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Fill the derived fields; remember a changed slug so old links redirect.

        The body is rendered only when its source changed since it was last
        rendered: a status-only save never runs Markdown or the sanitiser.
        """
        update_fields = kwargs.get("update_fields")
        source = self.__dict__.get("body_source", self._rendered_source)
        if source != self._rendered_source:
            rendered = render_body(self.body_source)
            self.body, self.toc = rendered.html, rendered.toc
            self.body_text, self.reading_time = rendered.text, rendered.reading_time
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *self.RENDERED_FIELDS}
        if not self.slug:
            self.slug = self._unique_slug()
        old_slug = self._saved_slug
        super().save(*args, **kwargs)
        self._rendered_source = source
        if old_slug and old_slug != self.slug:
            SlugRedirect.objects.update_or_create(
                old_slug=old_slug, defaults={"article": self}
            )
        SlugRedirect.objects.filter(old_slug=self.slug).delete()
        self._saved_slug = self.slug
        self._loaded_status = self.status

    def get_absolute_url(self):
        return reverse("blog:article_detail", kwargs={"slug": self.slug})

    @cached_property
    def sorted_tags(self) -> list:
        return list(self.tags.order_by("name"))

    def neighbour(self, *, older: bool):
        """The public article published just before (or after) this one."""
        if not self.is_public:
            return None
        sign = "-" if older else ""
        same_time = Q(published_at=self.published_at)
        if older:
            beyond = Q(published_at__lt=self.published_at) | same_time & Q(
                pk__lt=self.pk
            )
        else:
            beyond = Q(published_at__gt=self.published_at) | same_time & Q(
                pk__gt=self.pk
            )
        return (
            Article.objects.published()
            .filter(beyond)
            .order_by(f"{sign}published_at", f"{sign}pk")
            .only("title", "slug")
            .first()
        )

    def changes_public_pages(self) -> bool:
        """Published (or scheduled) now or before this save: drafts show nowhere."""
        published = self.Status.PUBLISHED
        return published in (self.__dict__.get("status"), self._loaded_status)

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

    @property
    def is_editable_by_author(self):
        return self.Status(self.status).is_editable_by_author()

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


def public_authors():
    """Authors with at least one public article; nobody else has a page.

    Each author's own index answers it (EXISTS), however many articles.
    """
    public = Article.objects.published().filter(author=OuterRef("pk"))
    return Author.objects.filter(Exists(public))


class SlugRedirect(models.Model):
    """An article's former slug; its old address answers with a 301."""

    old_slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(Article, models.CASCADE, related_name="slug_redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"
