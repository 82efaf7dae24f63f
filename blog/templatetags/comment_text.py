"""`{{ comment.body|comment_text }}`: a plain-text comment as safe HTML."""

import re

from django import template
from django.utils.html import urlize
from django.utils.safestring import mark_safe

register = template.Library()

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
LINK_REL = ' rel="nofollow ugc noopener"'
URL_DISPLAY_LIMIT = 60


@register.filter(is_safe=True)
def comment_text(value):
    """Escape everything; keep paragraphs and line breaks; link the URLs.

    Links are marked `nofollow ugc` so spam earns no ranking, and `noopener`.
    Django's urlize escapes the text first, so the `rel="nofollow"` it writes
    can only come from it, never from the comment.
    """
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    paragraphs = []
    for paragraph in PARAGRAPH_BREAK.split(text):
        linked = urlize(
            paragraph.strip(),
            trim_url_limit=URL_DISPLAY_LIMIT,
            nofollow=True,
            autoescape=True,
        )
        linked = linked.replace(' rel="nofollow"', LINK_REL).replace("\n", "<br>")
        paragraphs.append(f"<p>{linked}</p>")
    return mark_safe("\n".join(paragraphs))
