"""The moderation queue, its actions, and the one-click links sent by email.

Queue and actions are for users with `comments.moderate_comment`: anonymous
visitors are sent to log in, everyone else gets 403, and the querysets are
narrowed by the same permission. A signed link needs no login: it acts for
the moderator it was sent to, on one comment, once confirmed with a POST.

Deleting asks first: a row's Delete link (GET) and the bulk Delete (a POST
without `confirm=yes`) show a confirmation page, whose button posts the
bulk form again, confirmed. The queue then offers Undo for a minute: the
signed token (comments/moderation.py) waits in the moderator's session.
"""

import time
from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import ListView

from core.links import LinkError
from core.permissions import MODERATE_COMMENT
from core.views import message_page

from .. import moderation
from ..models import Comment, ModerationEvent
from ..moderation_forms import BulkModerationForm, ModerationFilterForm
from ..notifications import read_moderation_token, read_unsubscribe_token

Action = ModerationEvent.Action
UNDO_SESSION_KEY = "comments.moderation_undo"
UNDO_REFUSED_STATUS = {"invalid": 400, "not_yours": 403}
DONE = {
    Action.APPROVE: "approved",
    Action.REJECT: "rejected",
    Action.SPAM: "marked as spam",
    Action.DELETE: "deleted",
}


def moderator_required(view):
    """Log in first (anonymous), or 403 without the permission."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(reverse("comments:moderation_queue"))
        if not request.user.has_perm(MODERATE_COMMENT):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class ModerationQueueView(PermissionRequiredMixin, ListView):
    """Pending comments first, then spam; filtered by status and article."""

    permission_required = MODERATE_COMMENT
    paginate_by = 25
    template_name = "comments/moderation/queue.html"
    context_object_name = "comments"

    def get(self, request, *args, **kwargs):
        moderation.purge_deleted_comments()
        self.filters = ModerationFilterForm(request.GET)
        if not self.filters.is_valid():
            self.object_list = Comment.objects.none()
            context = self.get_context_data()
            return self.render_to_response(context, status=400)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        comments = Comment.objects.for_moderator(self.request.user)
        comments = comments.select_related("article", "parent")
        return self.filters.filter(comments).moderation_order()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        here = self.request.get_full_path()
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            query_param=query.urlencode(),
            filters=self.filters,
            bulk_form=BulkModerationForm(
                comments=Comment.objects.none(), initial={"next": here}
            ),
            next=here,
            undo=offered_undo(self.request),
        )
        return context


def offered_undo(request):
    """The last deletion's undo, while it can still be used; else None."""
    undo = request.session.get(UNDO_SESSION_KEY)
    if undo and undo.get("until", 0) > time.time():
        return undo
    request.session.pop(UNDO_SESSION_KEY, None)
    return None


def safe_next(request, next_url) -> str:
    """`next_url` if it is a plain address on this site, else the queue."""
    next_url = next_url or ""
    if any(ord(char) < 32 for char in next_url) or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return reverse("comments:moderation_queue")
    return next_url


def back_to_queue(request, next_url=None):
    """303 to where the moderator was (if it is this site's), else the queue."""
    next_url = next_url or request.POST.get("next", "")
    return HttpResponseRedirect(safe_next(request, next_url), status=303)


@require_http_methods(["GET", "POST"])
@moderator_required
def moderation_action(request, pk, action):
    """One action on one comment, from the queue's per-row buttons.

    Delete only asks (GET or POST): its page confirms through the bulk form.
    """
    if action not in DONE:
        return render_error(request, "There is no such moderation action.", 404)
    if request.method != "POST" and action != Action.DELETE:
        return HttpResponseNotAllowed(["POST"])
    comments = Comment.objects.for_moderator(request.user)
    comment = get_object_or_404(comments.select_related("article"), pk=pk)
    if action == Action.DELETE:
        next_url = request.POST.get("next") or request.GET.get("next")
        return confirm_deletion(request, [comment], next_url)
    changed = moderation.moderate_comment(
        comment=comment, action=action, by=request.user
    )
    done = DONE[Action(action)]
    if changed:
        messages.success(request, f"Comment by {comment.name} {done}.")
    else:
        messages.info(request, f"That comment was already {done}.")
    return back_to_queue(request)


@require_POST
@moderator_required
def moderation_bulk(request):
    """One action on every comment ticked in the queue."""
    comments = Comment.objects.for_moderator(request.user).select_related("article")
    form = BulkModerationForm(request.POST, comments=comments)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return back_to_queue(request, form.data.get("next", ""))
    action = Action(form.cleaned_data["action"])
    comments, next_url = form.cleaned_data["comments"], form.cleaned_data["next"]
    if action == Action.DELETE:
        if request.POST.get("confirm") != "yes":
            return confirm_deletion(request, comments, next_url)
        return delete_with_undo(request, comments, next_url)
    count = moderation.moderate_comments(
        comments=comments, action=action, by=request.user
    )
    messages.success(request, f"{counted(count)} {DONE[action]}.")
    return back_to_queue(request, next_url)


def counted(count: int) -> str:
    return f"{count} comment" if count == 1 else f"{count} comments"


def confirm_deletion(request, comments, next_url):
    """The page that asks before deleting; its button confirms the bulk form."""
    context = {
        "comments": list(comments),
        "next": safe_next(request, next_url),
        "undo_seconds": int(moderation.UNDO_WINDOW.total_seconds()),
    }
    return render(request, "comments/moderation/delete_confirm.html", context)


def delete_with_undo(request, comments, next_url):
    """Delete, then send the moderator back to the queue, which offers Undo."""
    ids = [comment.pk for comment in comments]
    count = moderation.moderate_comments(
        comments=comments, action=Action.DELETE, by=request.user
    )
    if not count:
        messages.info(request, "Those comments were already deleted.")
        return back_to_queue(request, next_url)
    request.session[UNDO_SESSION_KEY] = {
        "token": moderation.make_undo_token(comment_ids=ids, by=request.user),
        "message": f"{counted(count)} deleted.",
        "until": time.time() + moderation.UNDO_WINDOW.total_seconds(),
    }
    return back_to_queue(request, next_url)


@require_POST
@moderator_required
def moderation_undo(request):
    """Undo the moderator's last deletion, if it is less than a minute old."""
    try:
        ids = moderation.read_undo_token(
            request.POST.get("token", ""), user=request.user
        )
    except moderation.UndoError as error:
        if error.code == "expired":
            request.session.pop(UNDO_SESSION_KEY, None)
            messages.error(request, f"{error} The comments stay deleted.")
            return back_to_queue(request)
        return message_page(
            request,
            title="Nothing was undone",
            message=str(error),
            status=UNDO_REFUSED_STATUS[error.code],
            links=[("Back to the queue", reverse("comments:moderation_queue"))],
        )
    restored = moderation.undo_deletion(comment_ids=ids, by=request.user)
    request.session.pop(UNDO_SESSION_KEY, None)
    if restored:
        messages.success(request, f"{counted(restored)} restored.")
    else:
        messages.error(
            request,
            "Nothing was restored: that deletion was undone already or is "
            "more than a minute old.",
        )
    return back_to_queue(request)


def render_error(request, message, status):
    return message_page(
        request,
        title="This link does not work",
        message=message,
        status=status,
        links=[("Back to the home page", reverse("blog:article_list"))],
    )


@require_http_methods(["GET", "POST"])
def moderation_link(request, token):
    """An emailed approve/reject link: GET asks, POST acts. No login needed."""
    try:
        comment_id, action, moderator_id = read_moderation_token(token)
    except LinkError as error:
        return render_error(request, str(error), 400)
    moderator = get_user_model().objects.filter(pk=moderator_id).first()
    if moderator is None or not moderator.has_perm(MODERATE_COMMENT):
        return render_error(
            request, "This link no longer gives moderation rights.", 403
        )
    comments = Comment.objects.not_deleted().select_related("article")
    comment = comments.filter(pk=comment_id).first()
    if comment is None:
        return render_error(request, "This comment no longer exists.", 404)
    context = {
        "comment": comment,
        "approving": action == Action.APPROVE,
        "done": DONE[Action(action)],
    }
    if request.method == "POST":
        changed = moderation.moderate_comment(
            comment=comment, action=action, by=moderator
        )
        context.update(changed=changed, finished=True)
    return render(request, "comments/moderation/link_confirm.html", context)


@require_http_methods(["GET", "POST"])
def comment_unsubscribe(request, token):
    """Stop reply emails for one comment: GET asks, POST does it."""
    try:
        comment_id = read_unsubscribe_token(token)
    except LinkError as error:
        return render_error(request, str(error), 400)
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None:
        return render_error(request, "This comment no longer exists.", 404)
    context = {"comment": comment}
    if request.method == "POST":
        Comment.objects.filter(pk=comment.pk).update(notify_replies=False)
        context["finished"] = True
    return render(request, "comments/moderation/unsubscribe.html", context)
