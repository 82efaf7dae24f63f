from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from imaging.forms import HELP_TEXT, RenditionsMixin, SafeImageField

from .models import Author


class AuthorAdminForm(RenditionsMixin, forms.ModelForm):
    avatar = SafeImageField(
        label=_("Avatar"),
        required=False,
        square=True,
        help_text=format_lazy("{} {}", HELP_TEXT, _("Cropped to a centred square.")),
    )

    class Meta:
        model = Author
        fields = ["user", "display_name", "slug", "bio", "avatar", "website"]
