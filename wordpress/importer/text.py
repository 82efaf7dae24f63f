"""Turning WordPress's strings into what Folio's fields take."""

import html
import re

from django.utils.html import strip_tags
from django.utils.text import slugify

_SPACES = re.compile(r"\s+")


def ascii_slug(value: str, *, fallback: str, max_length: int) -> str:
    """Folio's slugs are ASCII (`<slug:slug>`): accents lose their marks, and
    a slug of other scripts (Cyrillic, Greek, CJK) becomes `fallback`; the
    old address still leads to the new one."""
    slug = slugify(value, allow_unicode=False)[:max_length].strip("-")
    return slug or fallback


def plain_text(value: str, *, max_length: int) -> str:
    """HTML (an excerpt, a comment) as one run of plain text, cut to length."""
    text = _SPACES.sub(" ", html.unescape(strip_tags(value))).strip()
    if len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


def comment_text(value: str) -> str:
    """A comment's HTML as plain text, its paragraphs kept as blank lines."""
    value = re.sub(r"(?i)<br\s*/?>", "\n", value)
    value = re.sub(r"(?i)</p\s*>", "\n\n", value)
    text = html.unescape(strip_tags(value))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def cut(value: str, max_length: int) -> str:
    return value if len(value) <= max_length else value[: max_length - 1] + "…"
