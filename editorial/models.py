"""An article's path to readers: its steps, its versions, its preview links."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blog.models import Article, Category


class ArticleTransition(models.Model):
    """One step of an article's editorial path: who moved it, when, and why."""

    article = models.ForeignKey(
        Article, models.CASCADE, related_name="transitions", verbose_name=_("article")
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=Article.Status, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=Article.Status)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_transitions",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)
    scheduled_for = models.DateTimeField(
        _("scheduled for"),
        null=True,
        blank=True,
        help_text=_("The publication time, when a publication was scheduled."),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("article transition")

    def __str__(self):
        return (
            f"{self.article}: {self.get_from_status_display() or '—'} → "
            f"{self.get_to_status_display()}"
        )


class ArticleRevision(models.Model):
    """The editable content of an article as one save left it.

    Only what a writer changes is kept: text, filing and cover. Status and
    dates belong to the workflow and are not restored with a revision.
    """

    article = models.ForeignKey(
        Article, models.CASCADE, related_name="revisions", verbose_name=_("article")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    # The author's Markdown from the dashboard, if any; `body` is its HTML.
    body_source = models.TextField(_("body source"), blank=True)
    category = models.ForeignKey(
        Category,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    tag_ids = models.JSONField(_("tag ids"), default=list, blank=True)
    cover = models.CharField(_("cover image"), max_length=255, blank=True)
    cover_alt = models.CharField(_("cover alt text"), max_length=250, blank=True)
    cover_widths = models.JSONField(default=list, blank=True)
    restored_from = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("restored from"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_revisions",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["article", "-created_at"])]
        verbose_name = _("article revision")

    def __str__(self):
        return f"{self.article_id}: {self.title} ({self.created_at:%Y-%m-%d %H:%M})"

    def snapshot(self) -> dict:
        """The fields that make two revisions the same or different."""
        return {
            "title": self.title,
            "summary": self.summary,
            "body": self.body,
            "body_source": self.body_source,
            "category_id": self.category_id,
            "tag_ids": sorted(self.tag_ids),
            "cover": self.cover,
            "cover_alt": self.cover_alt,
        }


class PreviewLinkQuerySet(models.QuerySet):
    def live(self):
        """Links that still open their article: not revoked, not expired, and
        made by a user who is still active."""
        return self.filter(
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            created_by__is_active=True,
        )


class PreviewLink(models.Model):
    """A link that shows one unpublished article to whoever holds it.

    Its token (editorial/preview_links.py) is signed with the site's secret
    key and names this row; the token itself is never stored. The row says
    how long the link works and whether it was revoked.
    """

    article = models.ForeignKey(
        Article, models.CASCADE, related_name="preview_links", verbose_name=_("article")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,  # a link dies with whoever made it
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("made at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("preview link")

    def __str__(self):
        return f"{self.article}: preview link {self.pk}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
