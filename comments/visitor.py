"""What this browser brings to commenting, kept between its visits.

The reader's own comments still awaiting moderation (in the session), the
details they asked us to remember and the proof of a verified email (signed
cookies), and from those the comment form's part of the article page.
"""

from datetime import timedelta

from django.core import signing

from .forms import CommentForm

OWN_COMMENTS_SESSION_KEY = "comments_own"
OWN_COMMENTS_KEPT = 50
REMEMBER_COOKIE = "folio_commenter"
REMEMBER_SALT = "comments.remember"
PROOF_COOKIE = "folio_commenter_proof"
PROOF_SALT = "comments.proof"
COOKIE_MAX_AGE = timedelta(days=365)


def own_comment_ids(request) -> list[int]:
    """This session's comments, which it may see before they are approved."""
    ids = request.session.get(OWN_COMMENTS_SESSION_KEY, [])
    return [i for i in ids if isinstance(i, int)]


def remembered_details(request) -> dict:
    """Name, email and website this browser asked us to remember, if any."""
    value = request.COOKIES.get(REMEMBER_COOKIE)
    if not value:
        return {}
    try:
        details = signing.loads(value, salt=REMEMBER_SALT, max_age=COOKIE_MAX_AGE)
    except signing.BadSignature:
        return {}
    if not isinstance(details, dict):
        return {}
    fields = ("name", "email", "website")
    return {k: details[k] for k in fields if isinstance(details.get(k), str)}


def proven_email(request) -> str | None:
    """The email address this browser proved through a signed link, if any."""
    return request.get_signed_cookie(
        PROOF_COOKIE, default=None, salt=PROOF_SALT, max_age=COOKIE_MAX_AGE
    )


def reply_target(article, value):
    """The approved comment of `article` with id `value` open to replies, or None."""
    value = str(value or "")
    if not (value.isascii() and value.isdigit() and len(value) < 19):
        return None
    comment = article.comments.approved().filter(pk=int(value)).first()
    return comment if comment is not None and comment.accepts_replies else None


def form_is_everyones(request, form=None) -> bool:
    """The blank form: no reply, nothing remembered, nothing sent back, and
    nobody signed in (whose form has their name instead of its fields). A
    reader who commented gets a form of their own, with a fresh token: the
    shared one is used up from their address (comments/spam.py)."""
    return (
        form is None
        and not request.GET.get("replyto")
        and not (request.COOKIES.get(REMEMBER_COOKIE))
        and not request.user.is_authenticated
        and not own_comment_ids(request)
        and not request.COOKIES.get(PROOF_COOKIE)
    )


def form_is_a_members_blank(request, form=None) -> bool:
    """A signed-in reader's blank form: no reply, nothing sent back, no
    details remembered from before they signed in. It differs from another
    signed-in reader's only by their name and its token."""
    return (
        form is None
        and request.user.is_authenticated
        and not request.GET.get("replyto")
        and not request.COOKIES.get(REMEMBER_COOKIE)
    )


def comment_form_context(request, article, form=None) -> dict:
    """The reply form's part of the article page: form, reply target, state."""
    if form is None:
        reply_to = reply_target(article, request.GET.get("replyto"))
        remembered = remembered_details(request)
        initial = {**remembered, "remember": bool(remembered)}
        if reply_to:
            initial["parent"] = reply_to.pk
        form = CommentForm(article=article, initial=initial, user=request.user)
    else:
        reply_to = reply_target(article, form["parent"].value())
    return {
        "comment_form": form,
        "comments_open": article.comments_open(),
        "reply_to": reply_to,
    }
