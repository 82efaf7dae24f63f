"""What an import leaves behind: its report, which rows came from which
WordPress item (so a second run updates instead of duplicating), and the old
site's addresses that now answer with a 301."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def import_files():
    """Where uploaded exports and uploads zips wait: outside MEDIA_ROOT, since
    an export holds commenters' emails and IP addresses. A callable, so that
    migrations name it rather than one machine's folder."""
    return FileSystemStorage(location=settings.FOLIO_IMPORT_DIR)


class ImportRun(models.Model):
    """One import of one export file: how far it got and its report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    export_file = models.FileField(
        _("WordPress export (WXR)"), storage=import_files, upload_to="exports/"
    )
    media_file = models.FileField(
        _("uploads (zip of wp-content/uploads)"),
        storage=import_files,
        upload_to="uploads/",
        blank=True,
    )
    source_name = models.CharField(_("file"), max_length=255, blank=True)
    # {"wordpress_login": "folio username or email"}, from the admin's form.
    author_map = models.JSONField(_("author map"), default=dict, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.QUEUED
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    site = models.CharField(_("WordPress site"), max_length=255, blank=True)
    items_done = models.PositiveIntegerField(default=0)
    # {"post": {"imported": 3, "updated": 0, "skipped": 1, "warned": 0}, ...}
    counts = models.JSONField(default=dict, blank=True)
    # [{"kind": "post", "wp_id": 12, "title": "…", "message": "…"}, ...]
    warnings = models.JSONField(default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("WordPress import")

    def __str__(self):
        return self.source_name or f"import {self.pk}"

    def get_absolute_url(self):
        return reverse("admin:wordpress_importrun_change", args=[self.pk])


class ImportedItem(models.Model):
    """A Folio row made from a WordPress item, keyed by that site's own id."""

    class Kind(models.TextChoices):
        AUTHOR = "author", _("author")
        CATEGORY = "category", _("category")
        TAG = "tag", _("tag")
        POST = "post", _("post")
        PAGE = "page", _("page")
        ATTACHMENT = "attachment", _("image")
        COMMENT = "comment", _("comment")

    site = models.CharField(max_length=255)  # the export's wp:base_site_url
    kind = models.CharField(max_length=10, choices=Kind)
    wp_id = models.CharField(max_length=255)  # the id (or login, or slug) there
    content_type = models.ForeignKey(ContentType, models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "wp_id"], name="wordpress_item_once_per_site"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.wp_id} of {self.site}"


class OldAddress(models.Model):
    """An address of the old site (path, and query for `/?p=12`) and what now
    stands there: an object's page, its feed, or a fixed address."""

    path = models.CharField(max_length=500, unique=True)  # "/2019/05/hello/", "/?p=12"
    content_type = models.ForeignKey(ContentType, models.CASCADE, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    feed = models.BooleanField(default=False)  # the object's feed, not its page
    target_url = models.CharField(max_length=500, blank=True)  # when no object

    class Meta:
        verbose_name = _("old WordPress address")
        verbose_name_plural = _("old WordPress addresses")

    def __str__(self):
        return self.path
