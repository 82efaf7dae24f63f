"""Forms of the moderation queue: its filters, its bulk actions, a confirmation."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from blog.models import Article

from .models import BlockedTerm, Comment

OPEN = "open"  # the default view: pending, then spam
STATUS_CHOICES = [
    (OPEN, _("Pending and spam")),
    *Comment.Status.choices,
    ("all", _("All")),
]
ACTION_CHOICES = [
    ("approve", _("Approve")),
    ("reject", _("Reject")),
    ("spam", _("Mark as spam")),
    ("delete", _("Delete")),
]


def button(name, label, css_class="btn-primary"):
    """A submit button with exactly these Bootstrap classes."""
    submit = Submit(name, label)
    submit.field_classes = f"btn {css_class}"
    return submit


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
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-auto g-2 align-items-end mb-3"
        self.helper.layout = Layout(
            Field("status", wrapper_class="col-12"),
            Field("article", wrapper_class="col-12"),
            button("filter", _("Filter"), "btn-outline-primary mb-3"),
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
            if not str(pk).isdigit() or int(pk) > self.MAX_ID:
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
        self.helper.form_id = "bulk-actions"
        self.helper.form_action = reverse_lazy("comments:moderation_bulk")
        self.helper.form_class = "d-flex flex-wrap gap-2 align-items-end mb-3"
        self.helper.layout = Layout(
            Field("action"),
            Field("next"),
            button("apply", _("Apply"), "btn-primary mb-3"),
        )


class ConfirmForm(forms.Form):
    """A form with nothing to fill in: the button of a confirmation page."""

    def __init__(self, *args, label, css_class="btn-primary", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(button("confirm", label, css_class))


class BlockedTermForm(forms.ModelForm):
    """A blocklist entry, stored trimmed and lower-case so duplicates are caught."""

    class Meta:
        model = BlockedTerm
        fields = ["kind", "value"]

    def clean_value(self):
        return self.cleaned_data["value"].strip().lower()
