import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from . import spam
from .models import Comment

TIMESTAMP_ERRORS = {
    spam.TOO_FAST: _(
        "That was too fast: please take a few seconds to read your comment, "
        "then send it again."
    ),
    spam.FORM_EXPIRED: _("This form expired, please send your comment again."),
    spam.FORM_FORGED: _("This form is damaged, please reload the page."),
}


def has_control_characters(value: str) -> bool:
    """True if the text holds control characters other than newline and tab."""
    return any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in value)


class PlainTextField(forms.CharField):
    """Text from a textarea, its line breaks (CRLF from browsers) made LF."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


class CommentForm(forms.ModelForm):
    """A reader's comment on one article, with the spam traps built in.

    `parent` and the hidden trap fields report their errors as non-field
    errors: a reader cannot see, let alone fix, a hidden field.
    """

    body = PlainTextField(
        label=_("Comment"),
        max_length=Comment._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    parent = forms.CharField(required=False, widget=forms.HiddenInput)
    notify_replies = forms.BooleanField(
        label=_("Email me when someone replies to my comment"), required=False
    )
    remember = forms.BooleanField(
        label=_(
            "Save my name, email and website in this browser for the next time "
            "I comment"
        ),
        required=False,
    )
    extra_info = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    issued = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Comment
        fields = ["name", "email", "website", "body"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "website": forms.URLInput(attrs={"autocomplete": "url"}),
        }

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.fields["website"].assume_scheme = "https"
        if not self.is_bound:
            self.initial["issued"] = spam.issue_form_token(article_id=article.pk)
        self.fields["email"].help_text = _("Never published.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> has the token
        self.helper.layout = Layout(
            "name",
            "email",
            "website",
            "body",
            "notify_replies",
            "remember",
            Div("extra_info", css_class="comment-trap"),
            "parent",
            "issued",
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if has_control_characters(name):
            raise forms.ValidationError(
                _("Your name cannot contain control characters.")
            )
        return name

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_website(self):
        website = self.cleaned_data["website"]
        if website and not website.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(
                _("Enter a web address starting with http:// or https://.")
            )
        return website

    def clean_body(self):
        body = self.cleaned_data["body"]
        if has_control_characters(body):
            raise forms.ValidationError(
                _(
                    "Your comment contains control characters; remove them and "
                    "send it again."
                )
            )
        return body

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("extra_info"):
            raise forms.ValidationError(_("Your comment could not be accepted."))
        reason = spam.form_token_reason(
            cleaned_data.get("issued", ""), article_id=self.article.pk
        )
        if reason:
            self.add_error(None, TIMESTAMP_ERRORS[reason])
        cleaned_data["parent"] = self._clean_parent(cleaned_data.get("parent"))
        if self._is_duplicate(cleaned_data):
            self.add_error(None, _("You already posted this comment."))
        return cleaned_data

    def _clean_parent(self, value):
        """The approved comment of this article being answered, or None."""
        if not value:
            return None
        parent = None
        if value.isascii() and value.isdigit() and len(value) < 19:
            parent = (
                self.article.comments.approved()
                .filter(pk=int(value), depth__lt=Comment.MAX_DEPTH)
                .first()
            )
        if parent is None:
            self.add_error(
                None,
                _(
                    "The comment you are replying to cannot be answered; "
                    "post yours as a new comment instead."
                ),
            )
        return parent

    def _is_duplicate(self, cleaned_data):
        email, body = cleaned_data.get("email"), cleaned_data.get("body")
        if not (email and body):
            return False
        return self.article.comments.filter(email__iexact=email, body=body).exists()

    def renew_timestamp(self):
        """Serve the form again with a fresh timestamp, keeping what was typed."""
        self.data = self.data.copy()
        self.data[self.add_prefix("issued")] = spam.issue_form_token(
            article_id=self.article.pk
        )
