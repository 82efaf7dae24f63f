"""What every app's public models share: a change ends the cached pages."""

from django.db import models

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
