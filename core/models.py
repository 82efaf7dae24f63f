"""What every app's public models share: a change ends the cached pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .pagecache import pages_changed


class PublicContentQuerySet(models.QuerySet):
    """Bulk writes of public rows end the cached pages like single saves do.

    A subclass that keeps more in step overrides `touching()` (what a bulk
    write is about to change, read before it) and `written()` (after it).
    """

    def update(self, **kwargs):
        touched = self.touching()
        count = super().update(**kwargs)
        if count:
            self.written(touched)
        return count

    update.alters_data = True

    def delete(self):
        touched = self.touching()
        deleted = super().delete()
        if deleted[0]:
            self.written(touched)
        return deleted

    delete.alters_data = True
    delete.queryset_only = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            self.written(self.touching(created))
        return created

    def touching(self, created=None):
        return None

    def written(self, touched) -> None:
        pages_changed()


class PublicContent(models.Model):
    """A model whose rows readers see on public pages.

    Saving or deleting a row that `changes_public_pages()` ends the page
    cache's generation (core/pagecache.py), so no page shows it stale.
    """

    objects = PublicContentQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.changes_public_pages():
            pages_changed()

    def delete(self, *args, **kwargs):
        changes = self.changes_public_pages()
        deleted = super().delete(*args, **kwargs)
        if changes:
            pages_changed()
        return deleted

    def changes_public_pages(self) -> bool:
        return True


class UnsentMailQuerySet(models.QuerySet):
    def counts(self) -> dict[str, int]:
        """How many letters wait for another try and how many were given up."""
        Status = UnsentMail.Status
        return self.aggregate(
            failed=models.Count("pk", filter=models.Q(status=Status.FAILED)),
            retrying=models.Count("pk", filter=models.Q(status=Status.RETRYING)),
        )


class UnsentMail(models.Model):
    """A letter the mail server did not take: how to build it again, not its text.

    A letter may carry a secret link (a password reset, a moderator's
    one-click approval), so the row keeps only the import path of the
    function that builds it and the ids it takes, and `core.mail` builds it
    afresh at each try. The row goes once the letter is sent.
    """

    class Status(models.TextChoices):
        RETRYING = "retrying", _("Retrying")
        FAILED = "failed", _("Failed")

    to = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    kind = models.CharField(_("kind"), max_length=100)  # the template's name
    builder = models.CharField(_("builder"), max_length=200)  # "app.module.function"
    args = models.JSONField(_("arguments"), default=list)  # ids and addresses only
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.RETRYING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("first tried"), auto_now_add=True)

    objects = UnsentMailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("unsent email")
        verbose_name_plural = _("unsent emails")
        permissions = [("resend_unsentmail", "Can send unsent emails again")]

    def __str__(self):
        return f"{self.kind} to {self.to}"
