"""Turn an untrusted upload into a clean image, and give it WebP renditions.

Accepted: JPEG, PNG, WebP and GIF, as detected by Pillow from the content. The
stored copy is re-encoded from its pixels alone, so no metadata survives
(EXIF, GPS, ICC, XMP, comments). JPEG, PNG and WebP keep their format; a GIF
becomes a PNG of its first frame, since covers and avatars are still images.
"""

import logging
import tempfile
import warnings
from io import BytesIO
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
WEBP_MAX_SIDE = 16383

# What Pillow may detect -> the format we store. Pillow's JPEG reader names
# the multi-picture JPEGs many cameras and phones write "MPO".
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
STORED_FORMATS = {
    "JPEG": "JPEG",
    "MPO": "JPEG",
    "PNG": "PNG",
    "WEBP": "WEBP",
    "GIF": "PNG",
}
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
SAVE_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85},
}
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))

NOT_AN_IMAGE = _("Upload a JPEG, PNG, WebP or GIF image.")
EMPTY_FILE = _("This file is empty. Upload a JPEG, PNG, WebP or GIF image.")
TOO_MANY_BYTES = _("This image is %(size)s MB; the limit is %(limit)s MB.")
TOO_MANY_PIXELS = _("This image is %(size)s megapixels; the limit is %(limit)s.")
FAR_TOO_MANY_PIXELS = _(
    "This image has too many pixels; the limit is %(limit)s megapixels."
)


def normalize_image(upload, *, square=False) -> ContentFile:
    """Check an untrusted upload and re-encode it without any metadata.

    Raises ValidationError, and nothing else, for anything that is not a sound
    JPEG, PNG, WebP or GIF within the limits. `square` crops to a centred
    square (avatars).
    """
    data = _read(upload)
    try:
        # Our own pixel check runs before decoding; turning Pillow's warning
        # into an error is a second line should that check ever be bypassed.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _reencode(data, square=square)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            FAR_TOO_MANY_PIXELS,
            code="too_many_pixels",
            params={"limit": _megapixels(MAX_PIXELS)},
        ) from exc
    except Exception as exc:
        # Pillow reports bad data as OSError, SyntaxError, ValueError,
        # struct.error, EOFError... whatever the decoder tripped on.
        raise ValidationError(NOT_AN_IMAGE, code="invalid_image") from exc


def _read(upload) -> bytes:
    if upload.size > MAX_BYTES:
        _raise_too_many_bytes(upload.size)
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        _raise_too_many_bytes(len(data))
    if not data:
        raise ValidationError(EMPTY_FILE, code="empty")
    return data


def _raise_too_many_bytes(size):
    raise ValidationError(
        TOO_MANY_BYTES,
        code="too_many_bytes",
        params={"size": _mb(size), "limit": _mb(MAX_BYTES)},
    )


def _reencode(data: bytes, *, square: bool) -> ContentFile:
    image = Image.open(BytesIO(data), formats=ACCEPTED_FORMATS)
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ValidationError(
            TOO_MANY_PIXELS,
            code="too_many_pixels",
            params={
                "size": _megapixels(width * height),
                "limit": _megapixels(MAX_PIXELS),
            },
        )
    image.verify()  # checks what load() does not (PNG checksums); spends the image
    image = Image.open(BytesIO(data), formats=ACCEPTED_FORMATS)
    stored_format = STORED_FORMATS[image.format]
    image.load()
    image = ImageOps.exif_transpose(image)
    image = _in_srgb(image)
    if square:
        image = _centre_square(image)
    clean = _fresh_copy(image)
    buffer = BytesIO()
    clean.save(buffer, stored_format, **SAVE_OPTIONS[stored_format])
    return ContentFile(buffer.getvalue(), name=f"image{EXTENSIONS[stored_format]}")


def _in_srgb(image):
    """Convert profiled pixels to sRGB, so dropping the profile keeps the colours."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        return image
    try:
        profile = ImageCms.ImageCmsProfile(BytesIO(icc))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, profile, SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError):
        return image  # an unreadable profile: take the pixels as sRGB


def _centre_square(image):
    width, height = image.size
    side = min(width, height)
    left, top = (width - side) // 2, (height - side) // 2
    return image.crop((left, top, left + side, top + side))


def _fresh_copy(image):
    """A new image holding only the pixels: no info, EXIF, profile or comment."""
    mode = "RGBA" if image.has_transparency_data else "RGB"
    pixels = image if image.mode == mode else image.convert(mode)
    clean = Image.new(mode, image.size)
    clean.paste(pixels)
    return clean


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0")


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.1f}".removesuffix(".0")


def rendition_widths(original_width: int) -> list[int]:
    """The rendition widths below the original, plus the original's if smaller
    than the largest rendition."""
    widths = {w for w in RENDITION_WIDTHS if w < original_width}
    widths.add(min(original_width, RENDITION_WIDTHS[-1]))
    return sorted(widths)


def rendition_name(name: str, width: int) -> str:
    """`covers/ab/abcd.jpg` -> `covers/ab/abcd-640w.webp`."""
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{width}w.webp"))


def make_renditions(fieldfile) -> list[int]:
    """Write WebP renditions of a stored image next to it; return their widths.

    Run once when the image is stored, never per request.
    """
    storage = fieldfile.storage
    with storage.open(fieldfile.name, "rb") as stored:
        image = Image.open(stored)
        image.load()
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    written = []
    for width in rendition_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        if height > WEBP_MAX_SIDE:
            continue
        rendition = image.resize(
            (width, height), Image.Resampling.LANCZOS, reducing_gap=3.0
        )
        buffer = BytesIO()
        rendition.save(buffer, "WEBP", quality=80)
        name = rendition_name(fieldfile.name, width)
        if storage.exists(name):
            storage.delete(name)
        storage.save(name, ContentFile(buffer.getvalue()))
        written.append(width)
    return written


def rendition_url(fieldfile, width: int) -> str:
    return fieldfile.storage.url(rendition_name(fieldfile.name, width))


def srcset(fieldfile, widths) -> str:
    return ", ".join(f"{rendition_url(fieldfile, w)} {w}w" for w in widths)


def storage_accepts_files() -> bool:
    """Whether the uploads' folder takes a new file now, found by writing one.

    A form asks before anything is stored, so a folder that cannot be written
    (its permissions, a read-only disk, a path that is not a folder) is a
    form error that keeps everything typed, not a failed save. Storages that
    are not folders on this machine are not probed.
    """
    try:
        folder = Path(default_storage.path(""))
    except NotImplementedError:
        return True
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError:
        logger.exception("The media folder %s takes no new file", folder)
        return False
    return True


def store_image(instance, field_name: str, content: ContentFile) -> None:
    """Store a normalised image in the field, with its renditions; unsaved."""
    getattr(instance, field_name).save(content.name, content, save=False)
    widths = make_renditions(getattr(instance, field_name))
    setattr(instance, f"{field_name}_widths", widths)


def save_image(instance, field_name: str, upload, *, square=False) -> None:
    """Check, clean and store an upload in an image field, then save the instance.

    The one entry point for code outside forms (demo content, scripts).
    """
    store_image(instance, field_name, normalize_image(upload, square=square))
    instance.save()
