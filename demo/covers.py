"""Abstract pictures for the demo: cover images and avatars, drawn with Pillow.

The same name always gives the same picture, so reloading the demo looks alike.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFont

COVER_SIZE = (1600, 900)
AVATAR_SIZE = 512


def _gradient(size: tuple[int, int], start: str, end: str, angle: int) -> Image.Image:
    """A smooth blend from `start` to `end`, turned by `angle` degrees."""
    side = int((size[0] ** 2 + size[1] ** 2) ** 0.5) + 2
    mask = Image.linear_gradient("L").resize((side, side)).rotate(angle)
    left, top = (side - size[0]) // 2, (side - size[1]) // 2
    mask = mask.crop((left, top, left + size[0], top + size[1]))
    return Image.composite(
        Image.new("RGB", size, end), Image.new("RGB", size, start), mask
    )


def _encode(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def draw_cover(name: str, colors: tuple[str, str, str]) -> bytes:
    """A 1600×900 JPEG: a gradient of the first two colours, shapes in the third."""
    # Not for security: a seeded generator only keeps the picture stable.
    rng = random.Random(name)  # noqa: S311
    width, height = COVER_SIZE
    image = _gradient(COVER_SIZE, colors[0], colors[1], rng.randrange(360))
    layer = Image.new("RGBA", COVER_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    accent = Image.new("RGB", (1, 1), colors[2]).getpixel((0, 0))
    for _ in range(7):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(40, 260)
        alpha = rng.randrange(30, 90)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*accent, alpha))
    for _ in range(3):
        y = rng.randrange(height)
        draw.line(
            (0, y, width, y + rng.randrange(-300, 300)),
            fill=(*accent, 90),
            width=rng.randrange(4, 14),
        )
    image = Image.alpha_composite(image.convert("RGBA"), layer)
    return _encode(image.convert("RGB"), "JPEG", quality=92)


def draw_avatar(initials: str, colors: tuple[str, str]) -> bytes:
    """A square PNG with the author's initials on a gradient."""
    size = (AVATAR_SIZE, AVATAR_SIZE)
    image = _gradient(size, colors[0], colors[1], 45)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=AVATAR_SIZE // 3)
    draw.text(
        (AVATAR_SIZE / 2, AVATAR_SIZE / 2),
        initials,
        fill="white",
        font=font,
        anchor="mm",
    )
    return _encode(image, "PNG")
