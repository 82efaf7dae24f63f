"""The screenshots in docs/design.md, made again.

Run against a Folio with the demo loaded (`make run`), from the repository:

    .venv/bin/python docs/design/screenshots.py http://127.0.0.1:8000

Chromium is Debian's (`chromium` on the PATH, or the CHROMIUM variable). The
seed page is shown as the text it is (docs/design/seed.txt), the Ghost-style
reference is the local mock beside this file: nothing is fetched from the
internet.
"""

import io
import os
import shutil
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ARTICLE = "/articles/how-klonopin-works-on-the-brain-and-body/"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
COLOURS = 96  # a palette keeps each PNG small


def save(png: bytes, name: str, width: int) -> Image.Image:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.resize((width, round(image.height * width / image.width)))
    image.quantize(COLOURS).save(HERE / name, optimize=True)
    return image


def side_by_side(images: list[Image.Image], name: str) -> None:
    gap = 16
    width = sum(image.width for image in images) + gap * (len(images) - 1)
    height = max(image.height for image in images)
    sheet = Image.new("RGB", (width, height), "#d0d4d8")
    x = 0
    for image in images:
        sheet.paste(image, (x, 0))
        x += image.width + gap
    sheet.quantize(COLOURS).save(HERE / name, optimize=True)


def main(base: str) -> None:
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--headless", "--no-sandbox"]
        )

        def shot(url, viewport=DESKTOP, scheme="light", scroll=0):
            page = browser.new_page(viewport=viewport, color_scheme=scheme)
            page.goto(url)
            page.mouse.wheel(0, scroll)
            page.wait_for_timeout(300)
            png = page.screenshot()
            page.close()
            return png

        seed = save(shot((HERE / "seed.txt").as_uri()), "seed.png", 560)
        folio = save(shot(base + ARTICLE), "folio-article.png", 560)
        ghost = save(shot((HERE / "ghost-reference.html").as_uri()), "ghost.png", 560)
        side_by_side([seed, folio, ghost], "side-by-side.png")
        save(shot(base + ARTICLE, scroll=1400), "folio-article-reading.png", 640)
        save(shot(base + ARTICLE, scheme="dark", scroll=1400), "folio-dark.png", 640)
        save(shot(base + "/"), "folio-home.png", 640)
        save(shot(base + ARTICLE, viewport=PHONE), "folio-phone.png", 300)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
