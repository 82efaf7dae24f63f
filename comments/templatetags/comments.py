"""Comments on a page that knows nothing of them: `{% load comments %}`.

`{% comment_thread article %}` renders the approved thread (and the
reader's own comments awaiting moderation); `{% comment_form article %}`
the reply form, or the form as sent with its errors when the comment view
renders the page again. `{{ comment.body|comment_text }}` turns a plain-text
comment into safe HTML.
"""

import re

from django import template
from django.utils.html import urlize
from django.utils.safestring import mark_safe

from ..threads import PAGE_PARAM, page_number, thread_page
from ..visitor import comment_form_context, own_comment_ids

register = template.Library()


def shown_page(request, article):
    """The page of threads this request asked for, read once however used."""
    if not hasattr(article, "_thread_page"):
        article._thread_page = thread_page(
            article,
            own_ids=own_comment_ids(request),  # pending, shown to their author
            number=page_number(request.GET.get(PAGE_PARAM)),
        )
    return article._thread_page


@register.inclusion_tag("comments/_thread.html", takes_context=True)
def comment_thread(context, article):
    page = shown_page(context["request"], article)
    return {
        "article": article,
        "comments": page.nodes,
        "page": page,
        "page_param": PAGE_PARAM,
        "comment_count": article.comment_count,
        "comments_open": article.comments_open(),
    }


@register.inclusion_tag("comments/_form.html", takes_context=True)
def comment_form(context, article):
    request = context["request"]
    page = shown_page(request, article)
    approved = [c for c in page.comments if c.is_approved]
    return {
        "article": article,
        **comment_form_context(request, article, approved, context.get("comment_form")),
    }


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
