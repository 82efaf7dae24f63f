"""Forms of the moderation queue: its filters and its bulk actions.

Their helpers lay out the fields only; the templates write the `<form>`, the
CSRF token and the buttons, as for the comment form.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from blog.models import Article

from .models import BlockedTerm, Comment

OPEN = "open"  # the default view: pending, then spam
STATUS_CHOICES = [
    (OPEN, _("Pending and spam")),
    *[c for c in Comment.Status.choices if c[0] != Comment.Status.DELETED],
    ("all", _("All")),
]
ACTION_CHOICES = [
    ("approve", _("Approve")),
    ("reject", _("Reject")),
    ("spam", _("Mark as spam")),
    ("delete", _("Delete")),
]


class ModerationFilterForm(forms.Form):
    """The queue's GET filters; unknown values are form errors, not crashes."""

    status = forms.ChoiceField(
        label=_("Status"), choices=STATUS_CHOICES, required=False
    )
    article = forms.ModelChoiceField(
        label=_("Article"),
        queryset=Article.objects.none(),
        required=False,
        empty_label=_("All articles"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = Article.objects.filter(
            pk__in=Comment.objects.values("article_id")
        ).order_by("title")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # sent with GET: no token in the address
        self.helper.layout = Layout(
            Field("status", wrapper_class="col-12"),
            Field("article", wrapper_class="col-12"),
        )

    def filter(self, comments):
        """`comments` narrowed to the chosen status and article."""
        status = self.cleaned_data.get("status") or OPEN
        if status == OPEN:
            comments = comments.filter(
                status__in=[Comment.Status.PENDING, Comment.Status.SPAM]
            )
        elif status != "all":
            comments = comments.filter(status=status)
        if article := self.cleaned_data.get("article"):
            comments = comments.filter(article=article)
        return comments


class CommentsField(forms.ModelMultipleChoiceField):
    """Comment ids; one no database column can hold is an invalid choice."""

    MAX_ID = 2**63 - 1

    def clean(self, value):
        for pk in value or []:
            text = str(pk)  # int() refuses "²" and over 4300 digits: a 500
            digits = text.isascii() and text.isdigit() and len(text) < 20
            if not digits or int(text) > self.MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super().clean(value)


class BulkModerationForm(forms.Form):
    """One action for the comments ticked in the queue's table."""

    action = forms.ChoiceField(
        label=_("With the selected comments"),
        choices=[("", _("Choose an action…")), *ACTION_CHOICES],
    )
    comments = CommentsField(
        queryset=Comment.objects.none(),
        error_messages={"required": _("Tick at least one comment first.")},
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, comments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comments"].queryset = comments
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> has the token
        # The ticked boxes are the table's, outside the form: `form="bulk-actions"`.
        self.helper.layout = Layout("action", "next")


class BlockedTermForm(forms.ModelForm):
    """A blocklist entry, stored trimmed and lower-case so duplicates are caught."""

    class Meta:
        model = BlockedTerm
        fields = ["kind", "value"]

    def clean_value(self):
        return self.cleaned_data["value"].strip().lower()
