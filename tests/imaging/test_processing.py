from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from PIL import ExifTags, Image, ImageCms
from PIL.PngImagePlugin import PngInfo

from imaging.processing import normalize_image

from .images import HOSTILE_FILES, image_bytes, open_stored, upload

NOT_AN_IMAGE = "Upload a JPEG, PNG, WebP or GIF image."


def oriented_jpeg():
    """60×40, red left half and blue right half, to be shown turned clockwise."""
    image = Image.new("RGB", (60, 40), "blue")
    image.paste("red", (0, 0, 30, 40))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def jpeg_with_gps():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Camera"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (48.0, 51.0, 29.0),
    }
    return image_bytes("JPEG", exif=exif)


def test_exif_orientation_is_applied_so_the_stored_image_is_upright():
    stored = open_stored(normalize_image(upload(oriented_jpeg())))
    top, bottom = stored.getpixel((20, 5)), stored.getpixel((20, 55))
    assert stored.size == (40, 60)
    assert top[0] > 200 and top[2] < 60
    assert bottom[2] > 200 and bottom[0] < 60


def test_stored_jpeg_has_no_exif_left_from_an_upload_with_gps():
    content = normalize_image(upload(jpeg_with_gps()))
    assert not open_stored(content).getexif()
    content.seek(0)
    assert b"Exif" not in content.read()


def test_stored_jpeg_has_no_comment():
    data = image_bytes("JPEG", comment=b"shot at home")
    assert "comment" not in open_stored(normalize_image(upload(data))).info


SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


@pytest.mark.parametrize(
    ("fmt", "profile"), [("JPEG", SRGB), ("PNG", SRGB), ("PNG", b"not a profile")]
)
def test_stored_image_has_no_colour_profile(fmt, profile):
    data = image_bytes(fmt, icc_profile=profile)
    assert "icc_profile" not in open_stored(normalize_image(upload(data))).info


def test_png_text_chunks_are_dropped():
    chunks = PngInfo()
    chunks.add_text("Author", "someone@example.com")
    data = image_bytes("PNG", pnginfo=chunks)
    stored = open_stored(normalize_image(upload(data, "photo.png")))
    assert "Author" not in stored.info


@pytest.mark.parametrize(
    ("fmt", "stored_format", "extension"),
    [
        ("JPEG", "JPEG", ".jpg"),
        ("PNG", "PNG", ".png"),
        ("WEBP", "WEBP", ".webp"),
        ("GIF", "PNG", ".png"),
    ],
)
def test_accepted_formats_are_re_encoded(fmt, stored_format, extension):
    content = normalize_image(upload(image_bytes(fmt), "picture"))
    assert open_stored(content).format == stored_format
    assert content.name.endswith(extension)


def test_stored_jpeg_is_progressive():
    content = normalize_image(upload(image_bytes("JPEG")))
    assert open_stored(content).info.get("progressive")


def test_format_is_detected_from_the_content_not_the_name():
    content = normalize_image(upload(image_bytes("PNG"), "notes.txt"))
    assert content.name.endswith(".png")


def test_transparency_survives_re_encoding():
    data = image_bytes("PNG", mode="RGBA", color=(0, 0, 255, 0))
    stored = open_stored(normalize_image(upload(data, "clear.png")))
    assert stored.getpixel((0, 0))[3] == 0


def test_square_crops_a_centred_square():
    image = Image.new("RGB", (300, 100), "red")
    image.paste("blue", (100, 0, 200, 100))
    buffer = BytesIO()
    image.save(buffer, "PNG")
    stored = open_stored(normalize_image(upload(buffer.getvalue()), square=True))
    assert stored.size == (100, 100)
    assert stored.getpixel((0, 0)) == (0, 0, 255)


@pytest.mark.parametrize(("name", "data"), HOSTILE_FILES)
def test_anything_but_a_sound_accepted_image_is_refused(name, data):
    with pytest.raises(ValidationError) as refused:
        normalize_image(upload(data, name))
    assert refused.value.messages == [NOT_AN_IMAGE]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as refused:
        normalize_image(upload(b"", "empty.jpg"))
    assert refused.value.messages == [
        "This file is empty. Upload a JPEG, PNG, WebP or GIF image."
    ]


def test_a_file_over_10_mb_is_refused_with_its_size():
    data = image_bytes("JPEG") + b"\0" * (11 * 1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        normalize_image(upload(data))
    assert refused.value.messages == ["This image is 11 MB; the limit is 10 MB."]


def test_an_image_over_40_megapixels_is_refused_with_its_size():
    data = image_bytes("PNG", size=(8000, 6000), mode="1", color=1)
    with pytest.raises(ValidationError) as refused:
        normalize_image(upload(data, "wide.png"))
    assert refused.value.messages == ["This image is 48 megapixels; the limit is 40."]


def test_a_decompression_bomb_is_refused():
    data = image_bytes("PNG", size=(10000, 10000), mode="1", color=0)
    with pytest.raises(ValidationError) as refused:
        normalize_image(upload(data, "bomb.png"))
    assert refused.value.messages == [
        "This image has too many pixels; the limit is 40 megapixels."
    ]
