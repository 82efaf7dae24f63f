"""Editorial checks: what an editor would point out before an article goes out.

Warnings, never blockers. Each names where it is ("heading 4", "image 2") so
the author can find it. Pure functions over the article's fields and its
sanitised body; given the raw body as typed, the link check also reports the
links the sanitiser is about to remove. A saved article is checked as stored
(sanitised once, when its source changed), with the links of its source, and
its warnings are cached: a page that shows the checks renders nothing.
"""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.core.cache import cache

from blog.body import html_to_text, markdown_html, sanitize_html
from core.caching import ForgivingCache

MIN_WORDS = 300
CHECKS_CACHE_SECONDS = 7 * 24 * 3600
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
TITLE_LEVEL = 1  # the article's title is the page's h1
# Elements that are content of a section even without any text.
CONTENT_TAGS = frozenset({"img", "hr", "table", "pre", "iframe", "video", "audio"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


@dataclass(frozen=True)
class Warning:
    code: str
    message: str
    where: str

    def __str__(self):
        return f"{self.where}: {self.message}"


@dataclass
class Heading:
    number: int
    level: int
    text: str = ""
    has_image_text: bool = False
    content_after: bool = False  # anything before the next heading

    @property
    def is_empty(self):
        return not self.text and not self.has_image_text


@dataclass
class Outline:
    headings: list[Heading] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


class _OutlineParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.outline = Outline()
        self._open_heading = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in HEADING_TAGS:
            self._close_heading()
            heading = Heading(len(self.outline.headings) + 1, HEADING_TAGS[tag])
            self.outline.headings.append(heading)
            self._open_heading, self._text = heading, []
        elif tag == "img":
            self.outline.images.append(attrs)
            self._mark_content(image_alt=attrs.get("alt") or "")
        elif tag == "a" and attrs.get("href") is not None:
            self.outline.links.append(attrs["href"])
        elif tag in CONTENT_TAGS:
            self._mark_content()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in HEADING_TAGS and self._open_heading is not None:
            self._close_heading()

    def handle_data(self, data):
        if self._open_heading is not None:
            self._text.append(data)
        elif data.strip():
            self._mark_content()

    def close(self):
        super().close()
        self._close_heading()

    def _mark_content(self, image_alt=""):
        if self._open_heading is not None:
            self._open_heading.has_image_text |= bool(image_alt.strip())
        elif self.outline.headings:
            self.outline.headings[-1].content_after = True

    def _close_heading(self):
        if self._open_heading is not None:
            self._open_heading.text = " ".join("".join(self._text).split())
            self._open_heading = None


def outline(html: str) -> Outline:
    """The headings, images and links of an HTML fragment, in document order."""
    parser = _OutlineParser()
    parser.feed(html)
    parser.close()
    return parser.outline


def check_article(
    article, *, raw_body: str | None = None, source: str | None = None
) -> list[Warning]:
    """Every editorial warning for `article`, body first, then its other fields.

    `raw_body` is the body as typed, before the sanitiser cleaned it; without
    it, the article's body is checked as stored, with the links of its
    Markdown `source` when given, and the result is cached by the two.
    """
    if raw_body is not None:
        warnings = check_body(sanitize_html(raw_body), raw=raw_body)
    else:
        warnings = stored_body_warnings(article.body, source=source)
    if not (article.summary or "").strip():
        warnings.append(Warning("missing-summary", "There is no summary.", "summary"))
    if article.cover and not (article.cover_alt or "").strip():
        warnings.append(
            Warning(
                "cover-without-alt",
                "The cover image has no alt text describing it.",
                "cover",
            )
        )
    return warnings


def stored_body_warnings(body: str, *, source: str | None = None) -> list[Warning]:
    """`check_body()` of a stored body, its links read from the Markdown
    `source` it was rendered from; cached by both, so that a page showing the
    checks neither parses the body nor runs Markdown again."""
    digest = hashlib.sha256(body.encode())
    digest.update(b"\0" + source.encode() if source is not None else b"")
    key = "editorial-checks:" + digest.hexdigest()
    cached = ForgivingCache(cache)
    warnings = cached.get(key)
    if warnings is None:
        links = outline(markdown_html(source)).links if source is not None else None
        warnings = check_body(body, links=links)
        cached.set(key, warnings, timeout=CHECKS_CACHE_SECONDS)
    return list(warnings)


def check_body(
    body: str, *, raw: str | None = None, links: list[str] | None = None
) -> list[Warning]:
    """Warnings about a sanitised body; links are read from `raw` when given."""
    parts = outline(body)
    if links is None:
        links = outline(raw).links if raw is not None else parts.links
    warnings = [
        *check_headings(parts.headings),
        *check_images(parts.images),
        *check_links(links),
    ]
    words = len(html_to_text(body).split())
    if words < MIN_WORDS:
        warnings.append(
            Warning(
                "short-body",
                f"The body has {words} words; aim for at least {MIN_WORDS}.",
                "body",
            )
        )
    return warnings


def check_headings(headings: list[Heading]) -> list[Warning]:
    warnings = []
    by_text = defaultdict(list)
    for heading in headings:
        if not heading.is_empty:
            by_text[heading.text.casefold()].append(heading)
    for repeats in by_text.values():
        if len(repeats) > 1:
            numbers = [h.number for h in repeats]
            warnings.append(
                Warning(
                    "repeated-heading",
                    f"The heading “{repeats[0].text}” appears {len(repeats)} times.",
                    f"headings {_join(numbers)}",
                )
            )
    previous_level = TITLE_LEVEL
    for i, heading in enumerate(headings):
        where = f"heading {heading.number}"
        if heading.is_empty:
            warnings.append(Warning("empty-heading", "The heading is empty.", where))
        elif heading.level > previous_level + 1:
            warnings.append(
                Warning(
                    "skipped-heading-level",
                    f"“{heading.text}” is an h{heading.level} after an "
                    f"h{previous_level}: a level is skipped.",
                    where,
                )
            )
        previous_level = heading.level
        following = headings[i + 1] if i + 1 < len(headings) else None
        if _is_empty_section(heading, following):
            warnings.append(
                Warning(
                    "empty-section",
                    f"Nothing follows the heading “{heading.text}” before "
                    + ("the next heading." if following else "the end."),
                    where,
                )
            )
    return sorted(warnings, key=_position)


def _is_empty_section(heading: Heading, following: Heading | None) -> bool:
    if heading.content_after or heading.is_empty:
        return False
    if following is None:
        return True
    if following.level > heading.level:
        return False  # a subsection is the section's content
    # The same heading printed again is reported once, as a repeat.
    return following.is_empty or following.text.casefold() != heading.text.casefold()


def check_images(images: list[dict]) -> list[Warning]:
    warnings = []
    for number, attrs in enumerate(images, start=1):
        if not (attrs.get("alt") or "").strip():
            src = _shorten(attrs.get("src") or "no source")
            warnings.append(
                Warning(
                    "image-without-alt",
                    "The image has no alt text describing it.",
                    f"image {number} ({src})",
                )
            )
    return warnings


def check_links(hrefs: list[str]) -> list[Warning]:
    warnings = []
    for number, href in enumerate(hrefs, start=1):
        scheme = link_scheme(href)
        if scheme and scheme not in ALLOWED_SCHEMES:
            warnings.append(
                Warning(
                    "unsafe-link",
                    f"Links may be http, https or mailto, not {scheme}; "
                    "this one is removed when the article is saved.",
                    f"link {number} ({_shorten(href)})",
                )
            )
    return warnings


def link_scheme(href: str) -> str:
    """The scheme a browser would read in `href`, lowercased; "" if relative."""
    match = _SCHEME.match(_INVISIBLE.sub("", href).lower())
    return match.group(1) if match else ""


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _join(numbers: list[int]) -> str:
    words = [str(n) for n in numbers]
    return ", ".join(words[:-1]) + " and " + words[-1]


def _position(warning: Warning) -> int:
    """Order heading warnings by the first heading they name."""
    return int(re.search(r"\d+", warning.where).group())
