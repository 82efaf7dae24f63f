"""A WordPress post's content → Folio's body source (Markdown).

`convert_body()` reads the content as WordPress shows it: block-editor
comments removed, shortcodes expanded (shortcodes.py), a URL alone on its
line made a link (WordPress would embed it), automatic paragraphs made
(autop.py); then it cleans the HTML and writes Markdown (to_markdown.py).
Scripts, styles, forms and the like go with their content; links keep only
web, mail and relative addresses. The result is still rendered and
sanitised by `blog.body.render_body()` like any body.

Bodies show only library images (`![alt](image:42 "caption")`). An image
at the old site's uploads (`…/wp-content/uploads/…`) is looked up through
the importer's `ImageLookup`; one that is not there, or that comes from
any other address, is left out with its alt text kept as text, and a
warning says so.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from blog.body import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, IMAGE_SCHEME

from .autop import autop, join_lines_in_tags, stash_pre, unstash_pre
from .shortcodes import ATTACHMENT_ATTRIBUTE, expand_shortcodes, link_paragraph
from .to_markdown import to_markdown

UPLOADS = "/wp-content/uploads/"
# Elements whose content is code, controls or someone else's page, never text.
DROPPED = (
    "script", "style", "noscript", "template", "object", "embed", "applet",
    "form", "input", "button", "select", "textarea", "svg", "math", "canvas",
    "link", "meta", "base", "head", "title", "frameset", "frame",
)  # fmt: skip
LINK_SCHEMES = frozenset({"", "http", "https", "mailto"})

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_CODE_ELEMENT = re.compile(
    r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE
)
# WordPress embeds a web address alone on its line (in a paragraph or not).
_ADDRESS_LINE = re.compile(
    r"^[ \t]*(?:<p>\s*)?(https?://[^\s<>\"]+)(?:\s*</p>)?[ \t]*$", re.MULTILINE
)
_SIZE_SUFFIX = re.compile(r"-(?:\d+x\d+|scaled)(?=\.\w+$)")


class ImageLookup(Protocol):
    """What the importer knows of the old site's images, as library image ids."""

    def by_url(self, url: str) -> int | None:
        """The image at this old-site address, or None if its file was not given."""

    def by_attachment(self, wp_id: int) -> int | None:
        """The image of this WordPress attachment, or None."""


@dataclass
class ConvertedBody:
    source: str  # Markdown for Article.body_source
    warnings: list[str] = field(default_factory=list)  # sentences for the report
    unknown_shortcodes: list[str] = field(default_factory=list)  # names, once each


def convert_body(content: str, *, images: ImageLookup) -> ConvertedBody:
    """Convert WordPress `content` (HTML, wpautop text, blocks and shortcodes)."""
    text = content.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = _CODE_ELEMENT.sub("", _COMMENT.sub("", text))
    if not text.strip():
        return ConvertedBody("")
    text, pre_blocks = stash_pre(text)
    text = _ADDRESS_LINE.sub(
        lambda m: link_paragraph(m.group(1)), join_lines_in_tags(text)
    )
    text, warnings, unknown = expand_shortcodes(text)
    soup = BeautifulSoup(unstash_pre(autop(text), pre_blocks), "html.parser")
    _clean(soup, images, warnings)
    return ConvertedBody(to_markdown(soup), warnings, unknown)


def _clean(soup, images, warnings):
    found = _elements_by_name(soup)
    for node in found["#comment"]:
        node.extract()
    for element in found["#dropped"]:
        element.decompose()

    def each(*names):
        for name in names:
            yield from (e for e in found[name] if not e.decomposed)

    for element in each("iframe", "audio", "video"):
        _media_to_link(element)
    for link in each("a"):
        if not _is_safe_link(link.get("href")):
            link.unwrap()
    for heading in each("h1", "h5", "h6"):
        # The article's title is the page's h1; the body has h2 to h4.
        heading.name = "h2" if heading.name == "h1" else "h4"
    for br in each("br"):
        if br.find_parent("pre"):
            br.replace_with("\n")
    for image in each("img"):
        _place_image(image, images, warnings)
    for figure in reversed(list(each("figure"))):
        _figure(soup, figure, warnings)
    for table in each("table"):
        _tidy_table(table)
    for paragraph in each("p"):
        if not paragraph.get_text().strip() and paragraph.find("img") is None:
            paragraph.decompose()


def _elements_by_name(soup) -> dict[str, list]:
    """Every element by tag name, in document order, found in one walk (the
    tree of a long post is walked once, not once per kind of element)."""
    found = defaultdict(list)
    for node in soup.descendants:
        if isinstance(node, Tag):
            found["#dropped" if node.name in DROPPED else node.name].append(node)
        elif isinstance(node, Comment | Declaration | Doctype | ProcessingInstruction):
            found["#comment"].append(node)
    return found


def _is_safe_link(href) -> bool:
    if not href or not href.strip():
        return False
    try:
        scheme = urlsplit(href.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in LINK_SCHEMES


def _media_to_link(element):
    """A frame, audio or video becomes a link to what it showed, if on the web."""
    source = element.get("src") or ""
    if not source and (inner := element.find("source", src=True)):
        source = inner["src"]
    source = source.strip()
    if source.startswith("//"):
        source = "https:" + source
    if urlsplit(source).scheme in ("http", "https"):
        paragraph = BeautifulSoup(link_paragraph(source), "html.parser").p
        element.replace_with(paragraph)
    else:
        element.decompose()


def _same_file(href: str, src: str) -> bool:
    """Whether a link points at the image's own file (WordPress's "link to
    media file"), perhaps at another size of it."""

    def key(url):
        return _SIZE_SUFFIX.sub("", urlsplit(url.strip()).path)

    return UPLOADS in href and key(href) == key(src)


def _place_image(image, images, warnings):
    """Make `image` a library image, or leave it out keeping its alt text."""
    alt = " ".join(image.get("alt", "").split())
    src = (image.get("src") or "").strip()
    parent = image.parent
    if parent.name == "a" and _same_file(parent.get("href", ""), src):
        parent.unwrap()
    found, problem = _look_up(image, src, images)
    if found is not None:
        image.attrs = {"src": f"{IMAGE_SCHEME}{found}", "alt": alt}
        return
    kept = f', its alt text "{alt}" kept' if alt else ""
    warnings.append(f"{problem}: left out{kept}.")
    if alt:
        image.replace_with(NavigableString(alt))
    else:
        image.decompose()


def _look_up(image, src, images) -> tuple[int | None, str]:
    """The library image for an <img>, or None and what went wrong."""
    attachment = image.get(ATTACHMENT_ATTRIBUTE, "")
    if attachment.isdigit():
        found = images.by_attachment(int(attachment))
        return found, f"Gallery image (attachment {attachment}) is not in the uploads"
    shown = src[:200] + ("…" if len(src) > 200 else "")
    if not src:
        return None, "An image without an address"
    if UPLOADS not in src:
        return None, f"Image {shown} is not from the old site's uploads"
    return images.by_url(src), f"Image {shown} is not in the uploads"


def _figure(soup, figure, warnings):
    """A figure of one library image becomes that image on its own line with
    the caption as its title (which render_body makes a <figcaption>); any
    other figure is unwrapped, its caption kept as a paragraph."""
    figcaption = figure.find("figcaption")
    caption = " ".join(figcaption.get_text().split()) if figcaption else ""
    images = figure.find_all("img")
    if len(images) != 1 or figure.find("figure"):
        if figcaption:
            figcaption.name = "p"
        figure.unwrap()
        return
    image = images[0]
    link = image.find_parent("a")
    if link is not None and not any(parent is figure for parent in link.parents):
        link = None  # a link around the whole figure is not this one's business
    if link is not None:
        href = link.get("href", "")
        if "attachment_id=" not in href:
            warnings.append(
                f"The link around a captioned image (to {href[:200]}) was left out: "
                "in Folio a captioned image is not a link."
            )
    paragraph = soup.new_tag("p")
    image.extract()
    if caption:
        image["title"] = caption
    paragraph.append(image)
    figure.replace_with(paragraph)


def _tidy_table(table):
    """Keep only what the sanitiser would keep, so the HTML block reads clean."""
    for element in [table, *table.find_all(True)]:
        if element.name not in ALLOWED_TAGS:
            element.unwrap()
            continue
        allowed = ALLOWED_ATTRIBUTES.get(element.name, [])
        element.attrs = {k: v for k, v in element.attrs.items() if k in allowed}
