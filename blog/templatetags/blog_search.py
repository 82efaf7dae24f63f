import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from blog.search import MATCH_END, MATCH_START

register = template.Library()

_MATCH = re.compile(f"{MATCH_START}([^{MATCH_START}{MATCH_END}]*){MATCH_END}")


@register.filter
def highlight(snippet):
    """A search snippet as safe HTML: its text escaped, its matches in <mark>.

    Markers without a partner (the text may hold the marker characters
    itself) are dropped, so the tags always pair up.
    """
    marked = _MATCH.sub(r"<mark>\1</mark>", escape(snippet or ""))
    unpaired = marked.replace(MATCH_START, "").replace(MATCH_END, "")
    return mark_safe(unpaired)  # noqa: S308 - escaped above
