"""The one body pipeline: Markdown source → sanitised HTML, contents, plain text.

`render_body()` is the entry point, used when an article's source changes
(in the dashboard, the admin or a restore alike), never per request. Authors
write Markdown; raw HTML in it passes through Markdown and is then cleaned by
the one allowlist below (bleach), like everything else. The forms first hold
a body to the limits of body_limits.py, which bound what rendering costs.
"""

import hashlib
import html
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import bleach
import markdown
from bleach.html5lib_shim import Filter
from django.core.cache import cache
from django.utils.text import slugify

from core.caching import ForgivingCache
from imaging.models import Image
from imaging.processing import srcset

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4",
        "ul", "ol", "li",
        "a", "strong", "b", "em", "i", "u", "s", "sub", "sup", "mark", "small",
        "blockquote", "q", "cite", "abbr",
        "code", "pre", "kbd",
        "img", "figure", "figcaption",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title"],
    "abbr": ["title"],
    "img": ["src", "alt", "width", "height", "title"],
    "th": ["colspan", "rowspan", "scope"],
    "td": ["colspan", "rowspan"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "image"})
# `image:42` names an image of the library (imaging.models.Image); only an
# <img> may carry it, and it becomes the stored image's URL and renditions.
IMAGE_SCHEME = "image:"
BODY_IMAGE_SIZES = "(min-width: 768px) 42rem, 100vw"
OUTBOUND_REL = "nofollow noopener"
WORDS_PER_MINUTE = 230
# Ids the page layout uses; a heading never takes one of them.
RESERVED_IDS = frozenset({"main", "content", "toc", "comments", "author", "related"})

MARKDOWN_EXTENSIONS = ["sane_lists"]

_HEADING = re.compile(r"<(h[234])>(.*?)</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|h[234]|li|blockquote|pre|figcaption|td|th)>|<br>")


class OutboundLinkFilter(Filter):
    """Mark links that leave the site so they pass on no ranking or opener;
    a link to `image:` (meant for an image) goes nowhere."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] == "StartTag" and token["name"] == "a":
                attrs = token["data"]
                href = attrs.get((None, "href"), "")
                scheme = urlsplit(href).scheme
                if scheme in ("http", "https"):
                    attrs[(None, "rel")] = OUTBOUND_REL
                elif scheme == "image":
                    del attrs[(None, "href")]
            yield token


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[OutboundLinkFilter],
)


def sanitize_html(raw: str) -> str:
    """Clean user HTML down to the allowlist; scripts and handlers are removed."""
    raw = raw.replace("\x00", "")
    # Script and style bodies are code, not text: drop them with their tags.
    raw = re.sub(r"<(script|style)\b[^>]*>.*?</\1\s*>", "", raw, flags=re.DOTALL | re.I)
    return _cleaner.clean(raw).strip()


def html_to_text(clean_html: str) -> str:
    """Plain text of sanitised HTML, blocks separated, for search and counts."""
    text = _BLOCK_END.sub(" ", clean_html)
    return " ".join(html.unescape(_TAG.sub("", text)).split())


def reading_minutes(text: str) -> int:
    return max(1, math.ceil(len(text.split()) / WORDS_PER_MINUTE))


def add_heading_ids(clean_html: str) -> tuple[str, list[dict]]:
    """Give each h2-h4 a unique id; return the new HTML and the table of contents.

    Works on the sanitiser's output, where headings carry no attributes.
    """
    toc, used = [], set(RESERVED_IDS)

    def number(match):
        tag, inner = match.group(1), match.group(2)
        title = html.unescape(_TAG.sub("", inner)).strip()
        base = slugify(title)[:60] or "section"
        anchor, n = base, 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        if title:
            toc.append({"level": int(tag[1]), "id": anchor, "title": title})
        return f'<{tag} id="{anchor}">{inner}</{tag}>'

    return _HEADING.sub(number, clean_html), toc


@lru_cache(maxsize=8)
def markdown_html(source: str) -> str:
    """The HTML of Markdown `source` before sanitising.

    Kept for the last few sources: one save reads it for the limits, the
    image check and rendering, and Markdown runs once.
    """
    return markdown.markdown(source, extensions=MARKDOWN_EXTENSIONS)


@dataclass(frozen=True)
class RenderedBody:
    html: str  # sanitised, headings carrying ids
    toc: list[dict]
    text: str
    reading_time: int  # minutes


_IMG = re.compile(r"(<p>)?<img ([^>]*)>(</p>)?")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def with_stored_images(clean_html: str) -> str:
    """Turn each `<img src="image:N">` of sanitised HTML into the stored image:
    its URL, WebP renditions, dimensions (no layout shift) and, for an image
    on its own line, a `<figure>` with its title as the caption. Lazy loading
    except for the first. An image that does not exist is left out.
    """
    found = [_ATTRIBUTE.findall(m.group(2)) for m in _IMG.finditer(clean_html)]
    ids = {
        int(value[len(IMAGE_SCHEME) :])
        for attributes in found
        for name, value in attributes
        if name == "src"
        and value.startswith(IMAGE_SCHEME)
        and value[len(IMAGE_SCHEME) :].isdigit()
    }
    if not ids:
        return clean_html
    images = Image.objects.in_bulk(ids)
    seen = []

    def replace(match):
        attributes = dict(_ATTRIBUTE.findall(match.group(2)))
        src = attributes.get("src", "")
        if not src.startswith(IMAGE_SCHEME):
            return match.group(0)
        key = src[len(IMAGE_SCHEME) :]
        image = images.get(int(key)) if key.isdigit() else None
        if image is None:
            return (match.group(1) or "") + (match.group(3) or "")
        seen.append(image)
        # The library's description stands in for one the body left empty.
        alt = attributes.get("alt", "") or html.escape(image.alt)
        tag = _stored_img(image, alt, first=len(seen) == 1)
        caption = attributes.get("title", "")
        if match.group(1) and match.group(3):
            figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
            return f'<figure class="body-image">{tag}{figcaption}</figure>'
        return (match.group(1) or "") + tag + (match.group(3) or "")

    return _IMG.sub(replace, clean_html)


def _stored_img(image, alt: str, *, first: bool) -> str:
    """An <img> of a library image; `alt` is already escaped by the sanitiser."""
    parts = [f'src="{html.escape(image.file.url)}"', f'alt="{alt}"']
    if image.file_widths:
        parts.append(f'srcset="{html.escape(srcset(image.file, image.file_widths))}"')
        parts.append(f'sizes="{BODY_IMAGE_SIZES}"')
    parts.append(f'width="{image.width}" height="{image.height}"')
    parts.append('decoding="async"' if first else 'loading="lazy" decoding="async"')
    return f"<img {' '.join(parts)}>"


def render_body(source: str) -> RenderedBody:
    """Everything an article stores from its Markdown source, rendered once."""
    clean = with_stored_images(sanitize_html(markdown_html(source)))
    clean, toc = add_heading_ids(clean)
    text = html_to_text(clean)
    return RenderedBody(clean, toc, text, reading_minutes(text))


RENDERED_HTML_SECONDS = 24 * 3600


def cached_body_html(source: str) -> str:
    """`render_body(source).html`, kept in the cache by the source: for pages
    that show a body not stored rendered (a proposed update's diff), so that
    viewing them again never sanitises again. Images may be a day behind."""
    key = "body-html:" + hashlib.sha256(source.encode()).hexdigest()
    cached = ForgivingCache(cache)
    rendered = cached.get(key)
    if rendered is None:
        rendered = render_body(source).html
        cached.set(key, rendered, timeout=RENDERED_HTML_SECONDS)
    return rendered
