"""Posting a comment and proving a commenter's email: HTTP in, HTTP out."""

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from blog.views import ArticleDetailView
from core.http import client_ip, csrf_by_origin
from core.links import LinkError
from core.views import message_page

from .. import services, spam
from ..forms import TIMESTAMP_ERRORS, CommentForm
from ..models import Comment
from ..notifications import read_verification_token
from ..threads import PAGE_PARAM, page_of
from ..visitor import (
    COOKIE_MAX_AGE,
    OWN_COMMENTS_KEPT,
    OWN_COMMENTS_SESSION_KEY,
    PROOF_COOKIE,
    PROOF_SALT,
    REMEMBER_COOKIE,
    REMEMBER_SALT,
    own_comment_ids,
    proven_email,
)

# A comment of 5,000 characters in any script, URL-encoded with its form,
# fits many times over; anything bigger is refused before the form sees it.
MAX_POST_BYTES = 512 * 1024


def render_article(request, view, form, *, status):
    """The article page again, with the comment form as sent and its errors.

    The form posts to this view's address with `#comment-form` at its end, so
    the browser shows the page at the form; comments.js then puts the
    article's own address back in the address bar.
    """
    form.keep_timestamp()
    context = view.get_context_data(object=view.object, comment_form=form)
    return view.render_to_response(context, status=status)


def declared_size(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads nothing from a request that lies about its size


def refuse(request, *, title, message, status, back_url=""):
    """A message page with the way back: to the article, else the home page."""
    if back_url:
        back = ("Back to the article", back_url)
    else:
        back = ("Back to the home page", reverse("blog:article_list"))
    return message_page(
        request, title=title, message=message, status=status, links=[back]
    )


@never_cache
@require_GET
def comment_form_token(request):
    """The reader's own form token for the blank form's (`?issued=`), which
    cached pages give everyone alike; asked by comments.js (spam.py)."""
    token = spam.personal_form_token(request.GET.get("issued", "")[:500])
    if token is None:
        return JsonResponse({"error": "Not a comment form token."}, status=400)
    return JsonResponse({"issued": token})


@csrf_by_origin
@require_POST
def comment_create(request, slug):
    """Take a comment for moderation; come back to it on the article page."""
    if declared_size(request) > MAX_POST_BYTES:
        return refuse(
            request,
            title="Comment too long",
            message="That comment is far too long to be accepted.",
            status=400,
        )
    view = ArticleDetailView()
    view.setup(request, slug=slug)
    article = view.object = view.get_object()
    if not article.is_public:
        raise Http404("No public article here.")
    if not article.comments_open():
        return refuse(
            request,
            title="Comments are closed",
            message="Comments are closed on this article.",
            status=403,
            back_url=article.get_absolute_url(),
        )
    form = CommentForm(request.POST, article=article, user=request.user)
    if not form.is_valid():
        return render_article(request, view, form, status=400)
    ip_address = client_ip(request)
    if spam.rate_limit_reason(ip_address):
        form.add_error(None, "You are commenting too fast; wait a minute.")
        return render_article(request, view, form, status=429)
    data = form.cleaned_data
    # Only a comment that is taken uses its form (not one sent back with errors).
    if not spam.use_form_token(data["issued"], ip_address=ip_address):
        form.add_error(None, TIMESTAMP_ERRORS[spam.FORM_USED])
        form.renew_timestamp()
        return render_article(request, view, form, status=400)
    comment = services.post_comment(
        article=article,
        name=data["name"],
        email=data["email"],
        website=data["website"],
        body=data["body"],
        parent=data["parent"],
        notify_replies=data["notify_replies"],
        ip_address=ip_address,
        proven_email=proven_email(request),
    )
    if comment.status == Comment.Status.APPROVED:
        messages.success(request, "Thank you: your comment is published.")
    else:
        ids = [comment.pk, *own_comment_ids(request)][:OWN_COMMENTS_KEPT]
        request.session[OWN_COMMENTS_SESSION_KEY] = ids
        messages.info(request, "Your comment is awaiting moderation.")
    page = page_of(comment, own_ids=own_comment_ids(request))
    query = f"?{PAGE_PARAM}={page}" if page > 1 else ""
    response = HttpResponseRedirect(
        f"{article.get_absolute_url()}{query}#comment-{comment.pk}", status=303
    )
    if form.commenter is None:  # signed in, nothing needs remembering
        remember_details(request, response, data)
    return response


def remember_details(request, response, data):
    """Keep, or forget, the commenter's details in a signed cookie."""
    if not data["remember"]:
        response.delete_cookie(REMEMBER_COOKIE, samesite="Lax")
        return
    details = {k: data[k] for k in ("name", "email", "website")}
    response.set_cookie(
        REMEMBER_COOKIE,
        signing.dumps(details, salt=REMEMBER_SALT, compress=True),
        max_age=COOKIE_MAX_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


@require_http_methods(["GET", "POST"])
def commenter_verify(request, token):
    """A signed link proves an email: confirm with a POST (a GET changes nothing)."""
    try:
        email = read_verification_token(token)
    except LinkError as error:
        return refuse(
            request, title="This link does not work", message=str(error), status=400
        )
    if request.method == "GET":
        return render(request, "comments/comment_verify.html", {"token": token})
    services.verify_commenter(email=email)
    response = render(request, "comments/comment_verify.html", {"verified": True})
    response.set_signed_cookie(
        PROOF_COOKIE,
        email,
        salt=PROOF_SALT,
        max_age=COOKIE_MAX_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response
