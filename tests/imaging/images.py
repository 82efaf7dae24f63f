"""Images made in memory for the imaging tests."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(fmt="JPEG", size=(800, 600), color="red", mode="RGB", **options):
    buffer = BytesIO()
    Image.new(mode, size, color).save(buffer, fmt, **options)
    return buffer.getvalue()


def upload(data=None, name="photo.jpg"):
    return SimpleUploadedFile(name, image_bytes() if data is None else data)


def open_stored(content):
    content.seek(0)
    return Image.open(BytesIO(content.read()))


def store_image_for(owner, *, alt="A picture", data=None):
    """A library image of `owner`, stored as an upload would be."""
    from imaging.models import Image as LibraryImage
    from imaging.processing import normalize_image

    return LibraryImage.store(
        owner=owner, content=normalize_image(upload(data)), alt=alt
    )


def truncated_jpeg():
    noise = Image.effect_noise((400, 400), 60).convert("RGB")
    buffer = BytesIO()
    noise.save(buffer, "JPEG")
    return buffer.getvalue()[:2000]


# Files that are not a sound JPEG, PNG, WebP or GIF, whatever their names say.
HOSTILE_FILES = [
    ("notes.jpg", b"Just some text, renamed."),
    ("page.jpg", b"<!DOCTYPE html><html><body><script>x()</script></body></html>"),
    (
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"></svg>',
    ),
    ("zeros.png", b"\0" * 512),
    ("broken.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 64),
    ("cut.jpg", truncated_jpeg()),
    ("bitmap.bmp", image_bytes("BMP")),
    ("scan.tiff", image_bytes("TIFF")),
]
