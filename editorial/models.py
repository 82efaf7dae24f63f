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


class ArticleAutosave(models.Model):
    """A writer's one autosave slot for one article, or for their new article.

    The editor page writes what is typed here a few seconds after typing
    stops, so a crash or a closed tab loses nothing; saving the draft empties
    the slot. `loaded_version` is the article version the text started from,
    so a restored text is checked against later saves like any other.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("by")
    )
    article = models.ForeignKey(
        Article,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaves",
        verbose_name=_("article"),
        help_text=_("Empty for an article not saved yet."),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body_source = models.TextField(_("body"), blank=True)
    tag_names = models.CharField(_("tags"), max_length=1000, blank=True)
    category = models.ForeignKey(
        Category,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    loaded_version = models.PositiveIntegerField(_("loaded version"), default=0)
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("autosave")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=models.Q(article__isnull=False),
                name="one_autosave_per_user_and_article",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(article__isnull=True),
                name="one_new_article_autosave_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.title or '(untitled)'} ({self.saved_at:%Y-%m-%d %H:%M})"


class ArticleProposal(models.Model):
    """An author's proposed change to their published article.

    The live article stays as it is until an editor publishes the proposal;
    `base_version` is the article version it started from, so a proposal
    made stale by a later change is never applied over it unseen.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("In review")
        RETURNED = "returned", _("Returned to the author")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)

    article = models.ForeignKey(
        Article, models.CASCADE, related_name="proposals", verbose_name=_("article")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="article_proposals",
        verbose_name=_("proposed by"),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=500, blank=True)
    body_source = models.TextField(_("body"), blank=True)
    base_version = models.PositiveIntegerField(_("based on version"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT
    )
    editor_note = models.TextField(_("note from the editor"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("proposed update")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"],
                condition=models.Q(status__in=["draft", "submitted", "returned"]),
                name="one_open_proposal_per_article_and_author",
            )
        ]

    def __str__(self):
        return f"{self.article}: proposed update {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN
