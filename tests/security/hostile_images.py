"""A corpus of hostile uploads, generated in memory: (label, file name, bytes,
content type). Broken and lying files, polyglots, bombs, metadata to leak,
odd modes and frames, and names meant to escape the media folder."""

import struct
import zlib
from io import BytesIO

from PIL import Image

from tests.imaging.images import HOSTILE_FILES, image_bytes

HTML = b"<html><body><script>alert(1)</script></body></html>"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(1)</script></svg>"
)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png_bomb_header(width=100_000, height=100_000) -> bytes:
    """A PNG that claims ten billion pixels, with a few bytes of data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + _png_chunk(b"IEND", b"")
    )


def gif_huge_screen() -> bytes:
    """A 2x2 GIF whose logical screen says 65535x65535."""
    data = bytearray(image_bytes("GIF", size=(2, 2), mode="P"))
    data[6:10] = struct.pack("<HH", 65535, 65535)
    return bytes(data)


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 1.0), 3: "E", 4: (4.0, 53.0, 2.0)}
    return image_bytes("JPEG", exif=exif.tobytes())


def animated_gif() -> bytes:
    frames = [Image.new("P", (40, 40), i * 40) for i in range(4)]
    buffer = BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


def half(data: bytes) -> bytes:
    return data[: len(data) // 2]


PNG = image_bytes("PNG", size=(64, 48))
JPEG = image_bytes("JPEG", size=(64, 48))
GIF = image_bytes("GIF", mode="P")

# Each refused, whatever the path: a 4xx or a form error.
REFUSED = [
    *[(f"hostile {name}", name, data, "image/jpeg") for name, data in HOSTILE_FILES],
    ("truncated PNG", "cut.png", half(image_bytes("PNG")), "image/png"),
    ("truncated GIF", "cut.gif", half(image_bytes("GIF", mode="P")), "image/gif"),
    ("truncated WebP", "cut.webp", half(image_bytes("WEBP")), "image/webp"),
    ("HTML named .png", "page.png", HTML, "image/png"),
    ("SVG with script", "logo.svg", SVG, "image/svg+xml"),
    ("SVG named .png", "logo.png", SVG, "image/png"),
    ("GIF magic then HTML", "gifar.gif", b"GIF89a" + HTML, "image/gif"),
    ("zero bytes", "empty.png", b"", "image/png"),
    ("PNG bomb header", "bomb.png", png_bomb_header(), "image/png"),
]

# Sound images, each with a trap: accepted, re-encoded and renamed, or refused.
ODD = [
    ("PNG with HTML after it", "poly.png", PNG + HTML, "image/png"),
    ("JPEG with HTML after it", "poly.jpg", JPEG + HTML, "image/jpeg"),
    ("GIF with HTML after it", "poly.gif", GIF + HTML, "image/gif"),
    ("GIF with a huge screen", "screen.gif", gif_huge_screen(), "image/gif"),
    ("JPEG with GPS in EXIF", "gps.jpg", jpeg_with_gps(), "image/jpeg"),
    ("animated GIF", "moving.gif", animated_gif(), "image/gif"),
    ("CMYK JPEG", "cmyk.jpg", image_bytes("JPEG", mode="CMYK"), "image/jpeg"),
    ("16-bit PNG", "deep.png", image_bytes("PNG", mode="I;16"), "image/png"),
    ("PNG named .jpg, sent as HTML", "photo.jpg", PNG, "text/html"),
    ("JPEG named .gif", "photo.gif", JPEG, "image/gif"),
    ("WebP named .png", "photo.png", image_bytes("WEBP"), "image/png"),
    ("JPEG named .html", "photo.html", JPEG, "text/html"),
    ("a very long name", "a" * 400 + ".png", PNG, "image/png"),
    ("a name climbing out", "../../../etc/passwd.png", PNG, "image/png"),
    ("a Windows path", "..\\..\\boot.ini.png", PNG, "image/png"),
    ("a name with NUL", "photo\x00.php.png", PNG, "image/png"),
    ("a name with markup", '<img src=x onerror=alert(1)>".png', PNG, "image/png"),
    ("a right-to-left name", "photo\u202egnp.exe", PNG, "image/png"),
    ("a unicode name", "фото 写真 \U0001f600.png", PNG, "image/png"),
    ("a name of dots", "...", PNG, "image/png"),
    ("no name", "", PNG, "image/png"),
]

CORPUS = REFUSED + ODD
