"""Images uploaded for article bodies: one library per uploader.

The file went through `normalize_image` (checked, metadata stripped,
re-encoded) and has its WebP renditions beside it; Markdown names an image
by its id (`![alt](image:42 "caption")`), never by a URL. What uses an image
is not imaging's business: the apps that reference images say so.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .fields import random_image_name
from .processing import rendition_name, rendition_url, store_image

ALT_MAX_LENGTH = 300


def image_upload_to(instance, filename):
    return random_image_name("images", filename)


class Image(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="images",
        verbose_name=_("uploaded by"),
    )
    file = models.ImageField(
        _("file"),
        upload_to=image_upload_to,
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    file_widths = models.JSONField(default=list, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), editable=False)
    alt = models.CharField(_("description (alt text)"), max_length=ALT_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("image")

    def __str__(self):
        return self.alt or self.file.name

    @classmethod
    def store(cls, *, owner, content, alt: str) -> "Image":
        """Save a normalised image (a ContentFile from `normalize_image`) with its
        renditions."""
        image = cls(owner=owner, alt=alt, size=content.size)
        store_image(image, "file", content)
        image.save()
        return image

    def delete(self, *args, **kwargs):
        """Delete the row, then (once that is committed) its file and renditions."""
        storage = self.file.storage
        names = [self.file.name]
        names += [rendition_name(self.file.name, w) for w in self.file_widths]
        deleted = super().delete(*args, **kwargs)
        transaction.on_commit(lambda: [storage.delete(name) for name in names])
        return deleted

    @property
    def thumbnail_url(self) -> str:
        return (
            rendition_url(self.file, self.file_widths[0])
            if self.file_widths
            else self.file.url
        )

    def markdown(self, caption: str = "") -> str:
        """How the body names this image."""
        alt = self.alt.replace("[", "(").replace("]", ")")
        title = ' "{}"'.format(caption.replace('"', "'")) if caption else ""
        return f"![{alt}](image:{self.pk}{title})"
