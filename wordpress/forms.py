"""The admin's form to start an import: the export, the uploads zip, the
author map, dry run.

Both files are checked before anything is stored or queued, so that an
editor who picked the wrong file hears it at once, on the form: the export
must begin like XML, the zip must open as a sound uploads zip
(`wordpress.media`), and the author map must read as two columns. The
import checks the export in full later.
"""

import codecs
import tempfile
from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from .author_map import read_author_map
from .media import MAX_TOTAL_BYTES, UploadsRefused, open_uploads
from .models import ImportRun

MAX_EXPORT_BYTES = 2 * 1024**3
XML_STARTS = (b"<?xml", b"<rss")
MAX_AUTHOR_MAP_BYTES = 1024 * 1024


class ImportRunForm(forms.ModelForm):
    author_map_file = forms.FileField(
        label=_("author map (CSV)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        help_text=_(
            "Optional: rows of wordpress_login,folio_user (a username or an "
            "email), for authors whose account here has another email."
        ),
    )

    class Meta:
        model = ImportRun
        fields = ["export_file", "media_file", "dry_run"]
        widgets = {
            "export_file": forms.ClearableFileInput(attrs={"accept": ".xml"}),
            "media_file": forms.ClearableFileInput(attrs={"accept": ".zip"}),
        }
        help_texts = {
            "export_file": _(
                "The file WordPress writes under Tools → Export (all content)."
            ),
            "media_file": _(
                "Optional: a zip of the old site's wp-content/uploads folder. "
                "Without it, images are left out and listed in the report."
            ),
            "dry_run": _("Read everything and report, but write nothing."),
        }

    def clean_export_file(self):
        export = self.cleaned_data["export_file"]
        if export.size > MAX_EXPORT_BYTES:
            raise forms.ValidationError(
                _("This file is over the %(limit)s GB an export may be."),
                params={"limit": MAX_EXPORT_BYTES // 1024**3},
                code="too_large",
            )
        if not _begins_like_xml(export):
            raise forms.ValidationError(
                _("This is not a WordPress export: it does not begin like XML."),
                code="not_xml",
            )
        return export

    def clean_author_map_file(self):
        upload = self.cleaned_data["author_map_file"]
        if not upload:
            return {}
        problem = None
        if upload.size > MAX_AUTHOR_MAP_BYTES:
            problem = _("This author map is over 1 MB; it holds two names a row.")
        else:
            try:
                text = upload.read().decode("utf-8-sig")
                if "\x00" in text:
                    raise ValueError(_("it holds a NUL character"))
                return read_author_map(text.splitlines())
            except UnicodeDecodeError:
                problem = _("This author map is not UTF-8 text.")
            except ValueError as error:
                problem = _("This author map cannot be read: %(error)s.") % {
                    "error": error
                }
        raise forms.ValidationError(problem, code="author_map")

    def save(self, commit=True):
        self.instance.author_map = self.cleaned_data.get("author_map_file") or {}
        return super().save(commit)

    def clean_media_file(self):
        uploads = self.cleaned_data["media_file"]
        if not uploads:
            return uploads
        if uploads.size > MAX_TOTAL_BYTES:
            raise forms.ValidationError(
                _("This zip is over the %(limit)s GB an uploads zip may be."),
                params={"limit": MAX_TOTAL_BYTES // 1024**3},
                code="too_large",
            )
        try:
            _check_uploads_zip(uploads)
        except UploadsRefused as refused:
            raise forms.ValidationError(refused.message, code="refused") from refused
        return uploads


def _begins_like_xml(upload) -> bool:
    upload.seek(0)
    start = upload.read(1024)
    upload.seek(0)
    return start.removeprefix(codecs.BOM_UTF8).lstrip().startswith(XML_STARTS)


def _check_uploads_zip(upload) -> None:
    """Open the uploaded zip as the import will; raise UploadsRefused."""
    if hasattr(upload, "temporary_file_path"):  # a large upload, on disk
        open_uploads(Path(upload.temporary_file_path())).close()
        return
    with tempfile.NamedTemporaryFile(suffix=".zip") as copy:  # a small one
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        open_uploads(Path(copy.name)).close()
    upload.seek(0)
