from django import forms
from django.utils.translation import gettext_lazy as _

from .processing import normalize_image, storage_accepts_files, store_image

ACCEPT = "image/jpeg,image/png,image/webp,image/gif"
STORAGE_DOWN = _(
    "The image cannot be stored right now: the site's media folder does not "
    "take new files. Everything else you typed is kept here; try again later, "
    "or tell the site's administrator."
)
HELP_TEXT = _("JPEG, PNG, WebP or GIF; at most 10 MB and 40 megapixels.")


class SafeImageField(forms.ImageField):
    """An image upload checked, cleaned and re-encoded by `normalize_image`.

    Its cleaned value is a ContentFile ready to store; a ModelForm with
    `RenditionsMixin` stores it together with its renditions.
    """

    default_validators = []  # the format is what Pillow finds, not the file name

    def __init__(self, *, square=False, **kwargs):
        self.square = square
        kwargs.setdefault("help_text", HELP_TEXT)
        super().__init__(**kwargs)

    def to_python(self, data):
        # FileField's checks only: normalize_image replaces ImageField's.
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        image = normalize_image(upload, square=self.square)
        if not storage_accepts_files():
            raise forms.ValidationError(STORAGE_DOWN, code="storage")
        return image

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if "accept" in attrs:
            attrs["accept"] = ACCEPT
        return attrs


class RenditionsMixin:
    """For a ModelForm: store each changed SafeImageField with its renditions.

    Runs at `save()`, before the instance is saved, so `commit=False` (the
    admin) gets them too. Clearing an image clears its renditions list.
    """

    def save(self, commit=True):
        if not self.errors:
            for name in self.changed_data:
                if isinstance(self.fields[name], SafeImageField):
                    self._store_image(name)
        return super().save(commit)

    def _store_image(self, name):
        image = self.cleaned_data[name]
        if image:
            store_image(self.instance, name, image)
        else:
            setattr(self.instance, f"{name}_widths", [])
