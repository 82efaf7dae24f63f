"""An author's images: uploading one for the body, and the media library.

The editor's script uploads each image on its own (the Insert image
button, a dropped or pasted file) and gets back the Markdown that names it.
Editors upload too, from the article admin, whether or not they write:
their uploads are theirs, and editors may name anyone's images.
A body that is too large is refused from its Content-Length, before a byte
of it is read.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from imaging.models import Image
from imaging.processing import MAX_BYTES

from ..body_images import articles_using
from ..forms import BodyImageForm
from ..workflow import is_editor
from .access import author_or_none, not_an_author

# The file plus its form fields and multipart framing.
MAX_UPLOAD_REQUEST = MAX_BYTES + 64 * 1024
IMAGES_PER_PAGE = 48


def _json_error(message, status):
    return JsonResponse({"error": str(message)}, status=status)


def may_upload_images(user) -> bool:
    """Authors, for their drafts; editors, for any article in the admin."""
    return is_editor(user) or author_or_none(user) is not None


@csrf_exempt  # checked by csrf_protect below, once the size is known to be sane
@login_required
@require_POST
def image_upload(request):
    """One image for the body, as JSON: its id, Markdown and thumbnail."""
    if not may_upload_images(request.user):
        return _json_error(_("Only authors and editors can upload images."), 403)
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_UPLOAD_REQUEST:
        limit = MAX_BYTES // (1024 * 1024)
        return _json_error(
            _("This image is too large; the limit is %(limit)s MB.") % {"limit": limit},
            413,
        )
    return _store_upload(request)


@csrf_protect
def _store_upload(request):
    form = BodyImageForm(request.POST, request.FILES)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        return JsonResponse({"error": first, "errors": form.errors}, status=400)
    image = Image.store(
        owner=request.user,
        content=form.cleaned_data["file"],
        alt=form.cleaned_data["alt"],
    )
    return JsonResponse(
        {
            "id": image.pk,
            "markdown": image.markdown(form.cleaned_data["caption"]),
            "thumbnail": image.thumbnail_url,
        },
        status=201,
    )


@login_required
def media_library(request):
    """The author's uploads, newest first: where each is used, and its Markdown."""
    if author_or_none(request.user) is None:
        return not_an_author(request)
    images = Image.objects.filter(owner=request.user)
    page = Paginator(images, IMAGES_PER_PAGE).get_page(request.GET.get("page"))
    using = articles_using(page.object_list)
    for image in page.object_list:
        image.used_in = using.get(image.pk, [])
    return render(request, "editorial/dashboard/media.html", {"page_obj": page})


@login_required
@require_POST
def image_delete(request, pk):
    """Delete an upload nobody's article names; otherwise say where it is used."""
    image = get_object_or_404(Image, pk=pk, owner=request.user)
    with transaction.atomic():
        used_in = articles_using([image]).get(image.pk, [])
        if used_in:
            titles = ", ".join(f"“{article.title}”" for article in used_in)
            messages.error(
                request,
                _("This image is used in %(titles)s: remove it there first.")
                % {"titles": titles},
            )
        else:
            image.delete()
            messages.success(request, _("The image was deleted."))
    return redirect("editorial:media_library")
