from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Words to look for"),
        required=False,
        widget=forms.SearchInput(attrs={"maxlength": 200, "autocomplete": "off"}),
    )

    MAX_LENGTH = 200

    def clean_q(self):
        """Long queries are cut, not refused: the first words still search."""
        return self.cleaned_data["q"][: self.MAX_LENGTH].strip()
