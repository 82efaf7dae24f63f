"""The one body pipeline: Markdown source → sanitised HTML, contents, plain text.

`render_body()` is the entry point, used when an article's source changes
(in the dashboard, the admin or a restore alike), never per request. Authors
write Markdown; raw HTML in it passes through Markdown and is then cleaned by
the one allowlist below (bleach), like everything else.
"""

import html
import math
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import bleach
import markdown
from bleach.html5lib_shim import Filter
from django.utils.text import slugify

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
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
OUTBOUND_REL = "nofollow noopener"
WORDS_PER_MINUTE = 230
# Ids the page layout uses; a heading never takes one of them.
RESERVED_IDS = frozenset({"main", "content", "toc", "comments", "author", "related"})

MARKDOWN_EXTENSIONS = ["sane_lists"]

_HEADING = re.compile(r"<(h[234])>(.*?)</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|h[234]|li|blockquote|pre|figcaption|td|th)>|<br>")


class OutboundLinkFilter(Filter):
    """Mark links that leave the site so they pass on no ranking or opener."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] == "StartTag" and token["name"] == "a":
                attrs = token["data"]
                href = attrs.get((None, "href"), "")
                if urlsplit(href).scheme in ("http", "https"):
                    attrs[(None, "rel")] = OUTBOUND_REL
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


def markdown_html(source: str) -> str:
    """The HTML of Markdown `source` before sanitising: for the editorial checks."""
    return markdown.markdown(source, extensions=MARKDOWN_EXTENSIONS)


@dataclass(frozen=True)
class RenderedBody:
    html: str  # sanitised, headings carrying ids
    toc: list[dict]
    text: str
    reading_time: int  # minutes


def render_body(source: str) -> RenderedBody:
    """Everything an article stores from its Markdown source, rendered once."""
    clean, toc = add_heading_ids(sanitize_html(markdown_html(source)))
    text = html_to_text(clean)
    return RenderedBody(clean, toc, text, reading_minutes(text))
