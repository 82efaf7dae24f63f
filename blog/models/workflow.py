from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .articles import Article


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
