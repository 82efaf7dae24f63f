"""A cover chosen in the editor survives the page being shown again.

A file input cannot be refilled by the server, so "Preview the body" (which
posts the whole form) would drop a cover the writer had just chosen. Instead,
the checked and re-encoded upload is kept in storage under `pending-covers/`
and the page carries a signed token naming it, and the writer; the next post
without a new file takes the kept file as its cover. A token that is forged,
someone else's or older than a day is a form error on the cover field, and
`manage.py prune_media` removes kept files older than a day.
"""

from datetime import timedelta

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from imaging.fields import random_image_name

FOLDER = "pending-covers"
FIELD = "pending_cover"
SALT = "editorial.pending-cover"
MAX_AGE = timedelta(days=1)
NAME_CHARS = 100  # of the writer's file name, shown back to them


class PendingCover:
    """The cover of one editor post: a new upload, or one kept from before.

    `files` is what to bind the form to; after validation, `keep(form)` stores
    a new cover for the page shown again; `token` and `name` are then what
    that page carries and says.
    """

    def __init__(self, request):
        self.user_id = request.user.pk
        self.files = request.FILES
        self.token = ""
        self.name = ""
        self.stored = ""
        self.error = ""
        sent = request.POST.get(FIELD, "")
        if sent and "cover" not in request.FILES:
            self._restore(sent)

    def _restore(self, sent: str) -> None:
        try:
            kept = signing.loads(sent, salt=SALT, max_age=MAX_AGE)
            stored, name, user_id = kept["stored"], kept["name"], kept["user"]
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            kept = None
        if kept is None or user_id != self.user_id or not _is_pending(stored):
            self.error = _(
                "The cover chosen before the preview could not be kept: choose it "
                "again."
            )
            return
        try:
            with default_storage.open(stored, "rb") as file:
                content = file.read()
        except OSError:
            self.error = _(
                "The cover chosen before the preview is gone: choose it again."
            )
            return
        self.files = request_files = self.files.copy()
        request_files["cover"] = SimpleUploadedFile(name, content)
        self.token, self.name, self.stored = sent, name, stored

    def attach(self, form) -> None:
        """Give the form this cover; a bad token is an error on its cover field."""
        form.pending_cover = self
        if self.error:
            form.add_error("cover", self.error)

    def keep(self, form) -> None:
        """Keep a newly uploaded, valid cover for the page shown again."""
        if self.token or "cover" not in self.files or form.has_error("cover"):
            return
        content = (getattr(form, "cleaned_data", None) or {}).get("cover")
        if not isinstance(content, ContentFile):
            return
        upload_name = self.files["cover"].name or content.name
        self.stored = default_storage.save(
            random_image_name(FOLDER, content.name), content
        )
        self.name = "".join(c for c in str(upload_name) if c.isprintable())[:NAME_CHARS]
        self.token = signing.dumps(
            {"stored": self.stored, "name": self.name, "user": self.user_id},
            salt=SALT,
        )

    def discard(self) -> None:
        """Remove the kept file once the article stores its own copy."""
        if self.stored and default_storage.exists(self.stored):
            default_storage.delete(self.stored)


def _is_pending(name) -> bool:
    return (
        isinstance(name, str)
        and name.startswith(f"{FOLDER}/")
        and ".." not in name
        and "\0" not in name
    )


def stale_names() -> list[str]:
    """Kept covers older than a token lives: nothing can claim them any more."""
    cutoff = timezone.now() - MAX_AGE
    return sorted(
        name
        for name in _stored(FOLDER)
        if default_storage.get_modified_time(name) < cutoff
    )


def _stored(folder: str) -> list[str]:
    if not default_storage.exists(folder):
        return []
    folders, files = default_storage.listdir(folder)
    names = [f"{folder}/{name}" for name in files]
    for sub in folders:
        names += _stored(f"{folder}/{sub}")
    return names
