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
