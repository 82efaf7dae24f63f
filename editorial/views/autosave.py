"""The editor's autosave: the script's endpoint, discarding, and the offer.

The endpoint answers JSON, for the editor's script: {"saved_at": ...} or a
4xx with {"error": "..."} in words the page can show. A request too large to
be a form within the editor's limits is refused from its Content-Length,
before a byte of it is read (so before the CSRF check, which reads it).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from blog.models import Article

from .. import autosave
from ..forms import MAX_BODY_CHARS
from .access import author_or_none, not_an_author

# The form's longest text in UTF-8 (4 bytes a character at most) and framing.
MAX_AUTOSAVE_REQUEST = MAX_BODY_CHARS * 4 + 64 * 1024
RESTORE = "autosave"  # ?restore=autosave


def _json_error(message, status):
    return JsonResponse({"error": str(message)}, status=status)


@csrf_exempt  # checked by csrf_protect below, once the size is known to be sane
@require_POST
def autosave_store(request):
    """Write the editor's text into the writer's autosave slot."""
    if not request.user.is_authenticated:
        return _json_error(_("You are signed out: sign in again to keep saving."), 403)
    length = request.META.get("CONTENT_LENGTH") or "0"
    sane = length.isascii() and length.isdigit()
    if not sane or int(length) > MAX_AUTOSAVE_REQUEST:
        return _json_error(
            _("The text is too long to save; the body may have at most %(limit)s "
              "characters.") % {"limit": f"{MAX_BODY_CHARS:,}"},
            413,
        )  # fmt: skip
    return _store(request)


@csrf_protect
def _store(request):
    author = author_or_none(request.user)
    if author is None:
        return _json_error(_("Only authors can save articles."), 403)
    form = autosave.AutosaveForm(request.POST)
    if not form.is_valid():
        return _json_error(form.first_error(), 400)
    article = None
    if form.cleaned_data["article"] is not None:
        article = Article.objects.filter(
            author=author, pk=form.cleaned_data["article"]
        ).first()
        if article is None:
            return _json_error(_("This article does not exist."), 404)
        if not article.is_editable_by_author:
            return _json_error(
                _("This article is %(status)s: only editors can change it now.")
                % {"status": article.get_status_display().lower()},
                403,
            )
    slot = autosave.store(user=request.user, article=article, data=form.cleaned_data)
    return JsonResponse({"saved_at": slot.saved_at.isoformat()})


@login_required
@require_POST
def autosave_discard(request):
    """Empty the writer's slot for an article (or their new one); back to it."""
    author = author_or_none(request.user)
    if author is None:
        return not_an_author(request)
    pk = request.POST.get("article", "")
    article = None
    if pk:
        if not (pk.isascii() and pk.isdigit() and len(pk) < 20):
            raise Http404  # int() refuses over 4300 digits: a 500
        article = get_object_or_404(Article.objects.filter(author=author), pk=pk)
    if autosave.discard(user=request.user, article=article):
        messages.success(request, _("The autosaved text was discarded."))
    if article is None:
        return redirect("editorial:article_create")
    return redirect("editorial:article_edit", pk=article.pk)


def editor_autosave(request, article, form) -> dict | None:
    """For the edit page shown by a GET: the slot to offer, or the one restored.

    With ?restore=autosave the slot's text becomes the form's initial data;
    nothing is saved until the writer saves.
    """
    if request.method != "GET" or form is None or form.is_bound:
        return None
    slot = autosave.autosave_for(user=request.user, article=article)
    if request.GET.get("restore") == RESTORE:
        if slot is None:
            messages.warning(request, _("There is no autosaved text to restore."))
            return None
        form.initial.update(autosave.form_initial(slot))
        return {"slot": slot, "restored": True}
    if slot is None:
        return None
    if article.pk is not None and not autosave.differs(slot, form.initial):
        return None
    return {"slot": slot, "restored": False}
