"""Comments on a page that knows nothing of them: `{% load comments %}`.

`{% comment_thread article %}` renders the approved thread (and the
reader's own comments awaiting moderation); `{% comment_form article %}`
the reply form (a signed-in reader's without name and email), or the form
as sent with its errors when the comment view renders the page again;
static/js/comments.js opens it under a comment for a reply.
`{{ comment.body|comment_text }}` turns a plain-text comment into safe HTML.
"""

import re
from dataclasses import replace

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape, urlize
from django.utils.safestring import mark_safe

from core.pagecache import cached_fragment

from .. import spam
from ..forms import account_commenter
from ..threads import PAGE_PARAM, page_number, thread_page
from ..visitor import (
    comment_form_context,
    form_is_a_members_blank,
    form_is_everyones,
    own_comment_ids,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_thread(context, article):
    """A page of the article's threads; the same for every reader who has no
    comment of their own awaiting moderation, and then cached."""
    request = context["request"]
    own_ids = own_comment_ids(request)  # pending, shown to their author
    number = page_number(request.GET.get(PAGE_PARAM))

    def render():
        page = thread_page(article, own_ids=own_ids, number=number)
        return render_to_string(
            "comments/_thread.html",
            {
                "article": article,
                "comments": page.nodes,
                "page": page,
                "page_param": PAGE_PARAM,
                "comment_count": article.comment_count,
                "comments_open": article.comments_open(),
            },
        )

    if own_ids or not article.is_public:
        return render()
    return cached_fragment(request, "comment-thread", [article.pk, number], render)


# Stand-ins for what a signed-in reader's blank form has of its own, in the
# fragment that all of them share; each page puts its own back.
NAME_MARK = "folio-commenter-name-c5e1"
TOKEN_MARK = "folio-form-token-c5e1"


@register.simple_tag(takes_context=True)
def comment_form(context, article):
    """The reply form: cached while it is the same for everyone (blank, to a
    reader not signed in). A signed-in reader's blank form is cached too, with
    stand-ins for their name and their own token: rendering the fields costs
    more than the rest of the article page."""
    request, form = context["request"], context.get("comment_form")

    def render():
        return render_to_string(
            "comments/_form.html",
            {"article": article, **comment_form_context(request, article, form)},
        )

    if not article.is_public:
        return render()
    if form_is_everyones(request, form):
        return cached_fragment(request, "comment-form", [article.pk], render)
    if form_is_a_members_blank(request, form):
        return _members_form(request, article)
    return render()


def _members_form(request, article) -> str:
    commenter = account_commenter(request.user)

    def render_with_marks():
        context = comment_form_context(request, article)
        form = context["comment_form"]
        form.commenter = replace(form.commenter, name=NAME_MARK)
        form.initial["issued"] = TOKEN_MARK
        return render_to_string("comments/_form.html", {"article": article, **context})

    variant = "with-email" if commenter.email else "without-email"
    shared = cached_fragment(
        request, "comment-form-member", [article.pk, variant], render_with_marks
    )
    token = spam.issue_form_token(article_id=article.pk, personal=True)
    return mark_safe(
        shared.replace(NAME_MARK, escape(commenter.name)).replace(TOKEN_MARK, token)
    )


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
