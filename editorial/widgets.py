"""The Markdown body's textarea, which carries what the image upload needs.

static/js/editor-images.js finds every textarea with `data-upload-url` and
gives it an Insert image button, a dialog, and uploads for dropped and
pasted files; the same script serves the dashboard and the article admin.
"""

from django import forms
from django.urls import reverse

from imaging.processing import MAX_BYTES


class MarkdownBodyTextarea(forms.Textarea):
    """A textarea for a Markdown body into which images can be uploaded."""

    class Media:
        js = [forms.Script("js/editor-images.js", defer=True)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"] |= {
            "data-upload-url": reverse("editorial:image_upload"),
            "data-max-bytes": MAX_BYTES,
        }
        return context
