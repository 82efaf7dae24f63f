import unicodedata
from dataclasses import dataclass

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.text import without_bidi_controls

from . import spam
from .models import Comment

TIMESTAMP_ERRORS = {
    spam.TOO_FAST: _(
        "That was too fast: please take a few seconds to read your comment, "
        "then send it again."
    ),
    spam.FORM_EXPIRED: _("This form expired, please send your comment again."),
    spam.FORM_FORGED: _("This form is damaged, please reload the page."),
    spam.FORM_USED: _(
        "This form was already sent once. If you meant to post another "
        "comment, check it and send it again."
    ),
}


# Fields a reader never sees: their errors say the form is damaged, not why.
UNSEEN_FIELDS = ("parent", "issued", "extra_info")


@dataclass(frozen=True)
class AccountCommenter:
    """Who a signed-in person comments as, from their account, never the POST."""

    name: str
    email: str


def account_commenter(user) -> AccountCommenter | None:
    """A signed-in user's author name (else username) and account email."""
    if user is None or not user.is_authenticated:
        return None
    author = getattr(user, "author", None)  # absent: no query (accounts.backends)
    name = (author.display_name.strip() if author else "") or user.get_username()
    max_length = Comment._meta.get_field("name").max_length
    return AccountCommenter(name=name[:max_length], email=user.email.strip())


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
    errors: a reader cannot see, let alone fix, a hidden field. For a
    signed-in `user` the name (and the email, when the account has one) come
    from the account: those fields are left out of the form.
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
            # Text, not type=url: the browser would refuse "ada.example.org",
            # which the field takes as https://ada.example.org.
            "website": forms.TextInput(
                attrs={"autocomplete": "url", "inputmode": "url"}
            ),
        }

    def __init__(self, *args, article, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.commenter = account_commenter(user)
        if self.commenter is not None:
            del self.fields["name"], self.fields["remember"]
            if self.commenter.email:
                del self.fields["email"]
        self.fields["website"].assume_scheme = "https"
        if not self.is_bound:
            self.initial["issued"] = spam.issue_form_token(article_id=article.pk)
        if "email" in self.fields:
            self.fields["email"].help_text = _("Never published.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> has the token
        # Fields only: the template's error summary says what is wrong.
        self.helper.template = "comments/_form_fields.html"
        shown = ["name", "email", "website", "body", "notify_replies", "remember"]
        self.helper.layout = Layout(
            *[name for name in shown if name in self.fields],
            Div("extra_info", css_class="comment-trap"),
            "parent",
            "issued",
        )

    def clean_name(self):
        # Direction controls would reorder the page around the name: dropped.
        name = without_bidi_controls(self.cleaned_data["name"]).strip()
        if has_control_characters(name):
            raise forms.ValidationError(
                _("Your name cannot contain control characters.")
            )
        if not name:
            raise forms.ValidationError(_("Enter your name."))
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
        if self.commenter is not None:
            cleaned_data["name"] = self.commenter.name
            if "email" not in self.fields:
                cleaned_data["email"] = self.commenter.email
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
        """A new token for a form whose own was used already; old enough to
        pass at once (the reader has seen the form)."""
        self.data = self.data.copy()
        self.data[self.add_prefix("issued")] = spam.issue_form_token(
            article_id=self.article.pk,
            age=settings.FOLIO_COMMENT_MIN_SECONDS,
            personal=True,  # served to this reader alone
        )

    def keep_timestamp(self):
        """Serve the form back as sent, timed from when it was first shown."""
        key = self.add_prefix("issued")
        self.data = self.data.copy()
        self.data[key] = spam.form_token_to_serve_again(
            self.data.get(key, ""), article_id=self.article.pk
        )

    def error_summary(self) -> list[tuple[str, str]]:
        """Every error once, in page order: (the id of its field, or "", text)."""
        damaged = str(TIMESTAMP_ERRORS[spam.FORM_FORGED])
        items = [("", str(error)) for error in self.non_field_errors()]
        for field in self:
            if not field.errors:
                continue
            if field.name in UNSEEN_FIELDS:
                items.append(("", damaged))
                continue
            label = field.label
            items += [(field.id_for_label, f"{label}: {e}") for e in field.errors]
        return list(dict.fromkeys(items))
