from django import forms
from django.utils.translation import gettext_lazy as _

from imaging.forms import RenditionsMixin, SafeImageField

from .models import Article


class ArticleAdminForm(RenditionsMixin, forms.ModelForm):
    cover = SafeImageField(label=_("Cover image"), required=False)

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "author",
            "summary",
            "body",
            "cover",
            "cover_alt",
            "category",
            "tags",
            "status",
            "published_at",
        ]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("cover") and not cleaned_data.get("cover_alt"):
            self.add_error(
                "cover_alt",
                _("Describe the cover image for readers who cannot see it."),
            )
        return cleaned_data
