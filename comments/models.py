from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blog.models import Article
from core.models import PublicContent, PublicContentQuerySet
from core.permissions import MODERATE_COMMENT


class CommentQuerySet(PublicContentQuerySet):
    """Bulk writes keep each article's count of approved comments too."""

    def touching(self, created=None) -> set[int]:
        """The articles whose comments a bulk write changes."""
        if created is not None:
            return {comment.article_id for comment in created}
        return set(self.values_list("article_id", flat=True).order_by())

    def written(self, touched) -> None:
        count_approved_comments(touched)  # which ends the cached pages too

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def shown_to(self, own_ids):
        """Approved comments, and those of `own_ids` still awaiting a moderator.

        Spam is shown to its author as awaiting moderation too: a spammer is
        not told what the filters caught.
        """
        waiting = [Comment.Status.PENDING, Comment.Status.SPAM]
        return self.filter(
            models.Q(status=Comment.Status.APPROVED)
            | models.Q(pk__in=own_ids, status__in=waiting)
        )

    def not_deleted(self):
        """Leaves out comments deleted a moment ago and still open to an undo."""
        return self.exclude(status=Comment.Status.DELETED)

    def for_moderator(self, user):
        """Every comment not deleted, for a user who may moderate; else nothing."""
        if user.has_perm(MODERATE_COMMENT):
            return self.not_deleted()
        return self.none()

    def moderation_order(self):
        """Pending first, then spam, then the rest; newest first within each."""
        return self.order_by(*moderation_ordering())


def moderation_ordering():
    """The moderators' order, for querysets and the admin alike."""
    rank = models.Case(
        models.When(status=Comment.Status.PENDING, then=0),
        models.When(status=Comment.Status.SPAM, then=1),
        default=2,
    )
    return [rank.asc(), "-created_at", "-pk"]


class Comment(PublicContent):
    """A reader's comment. Only approved ones are ever shown; emails never are."""

    MAX_DEPTH = 3

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")
        DELETED = "deleted", _("Deleted")  # for a minute, then purged

    article = models.ForeignKey(Article, models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="replies"
    )
    depth = models.PositiveSmallIntegerField(default=1, editable=False)
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"))
    website = models.URLField(_("website"), blank=True)
    body = models.TextField(_("comment"), max_length=5000)
    status = models.CharField(
        max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    held_reason = models.CharField(
        _("held because"), max_length=200, blank=True
    )  # why a comment went to pending review or spam, for moderators
    notify_replies = models.BooleanField(_("notify me of replies"), default=False)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    # A deletion can be undone for a minute (comments/moderation.py).
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    status_before_delete = models.CharField(
        max_length=10, choices=Status, blank=True, editable=False
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["article", "status", "created_at"])]
        permissions = [("moderate_comment", "Can moderate comments")]

    def __str__(self):
        return f"{self.name} on {self.article}"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._loaded_status = self.__dict__.get("status") if self.pk else None

    def save(self, *args, **kwargs):
        self.depth = self.parent.depth + 1 if self.parent_id else 1
        super().save(*args, **kwargs)
        if self.changes_public_pages():
            count_approved_comments({self.article_id})
        self._loaded_status = self.status

    def delete(self, *args, **kwargs):
        counted = self.changes_public_pages()
        deleted = super().delete(*args, **kwargs)
        if counted:
            count_approved_comments({self.article_id})
        return deleted

    def changes_public_pages(self) -> bool:
        """Readers see approved comments only: approving or removing one."""
        approved = self.Status.APPROVED
        return approved in (self.__dict__.get("status"), self._loaded_status)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    @property
    def accepts_replies(self):
        return self.is_approved and self.depth < self.MAX_DEPTH

    def approve(self, *, by):
        self._moderate(self.Status.APPROVED, by)

    def reject(self, *, by):
        self._moderate(self.Status.REJECTED, by)

    def mark_spam(self, *, by):
        self._moderate(self.Status.SPAM, by)

    def mark_deleted(self):
        """Hide this comment from everyone, keeping what an undo restores."""
        self.status_before_delete = self.status
        self.status = self.Status.DELETED
        self.deleted_at = timezone.now()
        self.save(update_fields=["status", "status_before_delete", "deleted_at"])

    def restore(self):
        """Undo `mark_deleted()`: the comment is back as it was."""
        self.status = self.status_before_delete or self.Status.PENDING
        self.status_before_delete = ""
        self.deleted_at = None
        self.save(update_fields=["status", "status_before_delete", "deleted_at"])

    def summary(self):
        """A line naming this comment for the moderation log."""
        return f"#{self.pk} by {self.name} on {self.article}"[:200]

    def _moderate(self, status, user):
        self.status = status
        self.moderated_by = user
        self.moderated_at = timezone.now()
        self.save(update_fields=["status", "moderated_by", "moderated_at"])


def count_approved_comments(article_ids) -> None:
    """Store on each article how many approved comments it has now."""
    if not article_ids:
        return
    approved = (
        Comment.objects.filter(article=OuterRef("pk"), status=Comment.Status.APPROVED)
        .order_by()
        .values("article")
        .annotate(count=Count("pk"))
        .values("count")
    )
    Article.objects.filter(pk__in=article_ids).update(
        comment_count=Coalesce(Subquery(approved), 0)
    )


class BlockedTerm(models.Model):
    """A moderator's blocklist entry: matching comments go straight to spam."""

    class Kind(models.TextChoices):
        WORD = "word", _("Word or phrase")
        EMAIL = "email", _("Email address")
        IP = "ip", _("IP address")
        DOMAIN = "domain", _("Domain (in email or links)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    value = models.CharField(_("value"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "value"], name="comments_blockedterm_unique_kind_value"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def save(self, *args, **kwargs):
        self.value = self.value.strip().lower()
        super().save(*args, **kwargs)


class ModerationEvent(models.Model):
    """Who did what to which comment, and when; kept after a comment is deleted."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved")
        REJECT = "reject", _("Rejected")
        SPAM = "spam", _("Marked as spam")
        DELETE = "delete", _("Deleted")
        RESTORE = "restore", _("Deletion undone")

    comment = models.ForeignKey(
        Comment, models.SET_NULL, null=True, blank=True, related_name="events"
    )
    comment_summary = models.CharField(max_length=200)
    action = models.CharField(max_length=10, choices=Action)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.comment_summary}"


class VerifiedCommenter(models.Model):
    """An email address whose owner proved it by following a signed link."""

    email = models.EmailField(unique=True)
    verified_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.email
