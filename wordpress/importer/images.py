"""Attachments and the images bodies name → the images library; covers.

Every file comes from the uploads source the editor gave (a folder or a
zip of `wp-content/uploads`), never from the network, and goes through
`imaging.processing.normalize_image`, like any upload. The importer reads
the export twice (see `run`): attachments first, so that every post finds
its featured image and the images of its body whatever their order in the
file. An old address names an image by its path under the uploads folder;
WordPress's resized copies (`photo-300x200.jpg`, `photo-scaled.jpg`) name
the same image.
"""

import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from accounts.models import User
from imaging.models import ALT_MAX_LENGTH, Image
from imaging.processing import normalize_image, store_image

from ..records import Item
from ..report import IMPORTED, SKIPPED, UNCHANGED
from .context import Context, Kind

UPLOADS = "/wp-content/uploads/"
URL = "url"  # the maps' kind for an image by its uploads path
_SIZE_SUFFIX = re.compile(r"-(?:\d+x\d+|scaled|rotated)(?=\.\w+$)")


def image_key(url: str) -> str | None:
    """The path under the uploads folder, without a resized copy's suffix;
    None for an address outside the uploads."""
    path = unquote(urlsplit(url.strip()).path)
    start = path.find(UPLOADS)
    if start < 0:
        return None
    return _SIZE_SUFFIX.sub("", path[start + len(UPLOADS) :])


def _original_url(url: str) -> str:
    """A resized copy's address → its original's (what WordPress resized)."""
    parts = urlsplit(url.strip())
    return parts._replace(path=_SIZE_SUFFIX.sub("", parts.path)).geturl()


class ImageLibrary:
    """The `wordpress.content.ImageLookup` the body converter asks: images
    by attachment id or by their old address. An image a body names that
    came as no attachment is taken from the uploads when first asked for,
    owned by the item's author."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.item: Item | None = None
        self.owner_id: int | None = None

    def working_on(self, item: Item, *, owner_id: int) -> None:
        self.item, self.owner_id = item, owner_id

    def by_attachment(self, wp_id: int) -> int | None:
        return self.ctx.maps.get(Kind.ATTACHMENT, wp_id)

    def by_url(self, url: str) -> int | None:
        key = image_key(url)
        if key is None:
            return None
        pk = self.ctx.maps.get(URL, key)
        if pk is None:
            pk = self._from_uploads(url, key)
        return pk

    def _from_uploads(self, url: str, key: str) -> int | None:
        image = self.ctx.imported(Kind.ATTACHMENT, f"{URL}:{key}", Image)
        if image is not None:
            self.ctx.maps.set(URL, key, image.pk)
            return image.pk
        data = self.ctx.uploads.read(_original_url(url)) or self.ctx.uploads.read(url)
        if data is None:
            return None
        try:
            pk = self.store(data, owner_id=self.owner_id, alt=PurePosixPath(key).stem)
        except ValidationError as error:
            self.ctx.report.warn(
                self.item.post_type,
                self.item.wp_id,
                self.item.title,
                f"the image {key} is left out: {' '.join(error.messages)}",
            )
            return None
        if pk > 0:
            self.ctx.record(Kind.ATTACHMENT, f"{URL}:{key}", Image(pk=pk))
        self.ctx.maps.set(URL, key, pk)
        return pk

    def store(self, data: bytes, *, owner_id: int, alt: str) -> int:
        """Check and store an image; its pk (negative in a dry run, which
        checks the file but writes none). Raises ValidationError."""
        content = normalize_image(ContentFile(data, name="upload"))
        if self.ctx.dry_run:
            self.ctx.dry_image_ids -= 1
            return self.ctx.dry_image_ids
        owner = User.objects.get(pk=owner_id)
        return Image.store(owner=owner, content=content, alt=alt[:ALT_MAX_LENGTH]).pk


def import_attachment(ctx: Context, item: Item, library: ImageLibrary, owner_id):
    key = image_key(item.attachment_url)
    image = ctx.imported(Kind.ATTACHMENT, item.wp_id, Image)
    pk = image.pk if image is not None else ctx.maps.get(URL, key)
    if pk is not None:
        ctx.report.count(Kind.ATTACHMENT, UNCHANGED if image else IMPORTED)
    elif not ctx.has_media:
        ctx.report.count(Kind.ATTACHMENT, SKIPPED)  # one warning for all, at the end
        return
    else:
        pk = _store_attachment(ctx, item, library, owner_id)
        if pk is None:
            ctx.report.count(Kind.ATTACHMENT, SKIPPED)
            return
        ctx.report.count(Kind.ATTACHMENT, IMPORTED)
    if pk > 0:
        ctx.record(Kind.ATTACHMENT, item.wp_id, Image(pk=pk))
    ctx.maps.set(Kind.ATTACHMENT, item.wp_id, pk)
    if key is not None:
        ctx.maps.set(URL, key, pk)


def _store_attachment(ctx, item, library, owner_id) -> int | None:
    data = ctx.uploads.read(item.attachment_url) if item.attachment_url else None
    if data is None:
        ctx.report.warn(
            Kind.ATTACHMENT,
            item.wp_id,
            item.title,
            f"the file {item.attachment_url or '(none named)'} is not in the "
            "uploads: left out",
        )
        return None
    alt = item.attachment_alt.strip() or item.title.strip()
    alt = alt or PurePosixPath(urlsplit(item.attachment_url).path).stem
    try:
        return library.store(data, owner_id=owner_id, alt=alt)
    except ValidationError as error:
        ctx.report.warn(
            Kind.ATTACHMENT,
            item.wp_id,
            item.title,
            f"{item.attachment_url} is left out: {' '.join(error.messages)}",
        )
        return None


def set_cover(ctx: Context, article, item: Item) -> None:
    """The featured image (`_thumbnail_id`) as the article's cover, stored
    the way the dashboard stores one; an article that has a cover keeps it,
    so a second run stores no second copy."""
    wp_id = item.thumbnail_id
    if wp_id is None or article.cover:
        return
    pk = ctx.maps.get(Kind.ATTACHMENT, wp_id)
    if pk is None:
        ctx.report.warn(
            Kind.POST,
            item.wp_id,
            item.title,
            f"its featured image (attachment {wp_id}) was not imported: no cover",
        )
        return
    if pk < 0:  # a dry run's image: checked, never stored
        return
    image = Image.objects.get(pk=pk)
    with image.file.open("rb") as stored:
        name = PurePosixPath(image.file.name).name
        store_image(article, "cover", ContentFile(stored.read(), name=name))
    max_alt = type(article)._meta.get_field("cover_alt").max_length
    article.cover_alt = (image.alt or article.title)[:max_alt]
