"""Autosave: one slot per writer and article for the text not saved yet.

The dashboard editor's script posts the form's text a few seconds after the
writer stops typing, and when the page loses focus. Each post replaces the
writer's one slot for that article (or for their new, unsaved article): the
slot is a safety net, never a revision. Saving the draft empties it; the edit
page offers a slot that differs from the saved article, to restore (into the
form, unsaved) or to discard.

The slot is written only where the writer could save the draft itself: their
own article, in an author-editable status, or a new article. Its text is
checked against the editor form's limits, so a restored slot fits the form.
"""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blog.models import Article, Category

from .forms import MAX_BODY_CHARS
from .models import ArticleAutosave

MAX_TAG_NAMES_CHARS = ArticleAutosave._meta.get_field("tag_names").max_length
# The fields a slot keeps, as the editor form names them.
TEXT_FIELDS = ("title", "summary", "body_source", "tag_names")
MAX_ID = 2**31 - 1  # the largest id or version every database stores


class AutosaveForm(forms.Form):
    """What the editor's script posts. Django's CharField refuses NUL bytes."""

    article = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    summary = forms.CharField(label=_("Summary"), max_length=500, required=False)
    body_source = forms.CharField(
        label=_("Body"), max_length=MAX_BODY_CHARS, required=False, strip=False
    )
    tag_names = forms.CharField(
        label=_("Tags"), max_length=MAX_TAG_NAMES_CHARS, required=False
    )
    category = forms.ModelChoiceField(
        Category.objects.all(), label=_("Category"), required=False
    )
    loaded_version = forms.IntegerField(required=False, min_value=0, max_value=MAX_ID)

    def clean_body_source(self):
        return self.cleaned_data["body_source"].replace("\r\n", "\n")

    def first_error(self) -> str:
        """The first problem, in words, with the field it is about."""
        name, errors = next(iter(self.errors.items()))
        field = self.fields.get(name)
        label = field.label if field is not None and field.label else ""
        return f"{label}: {errors[0]}" if label else str(errors[0])


def slot_filter(*, user, article: Article | None) -> dict:
    """The lookup of the writer's slot for this article, or their new article."""
    if article is None or article.pk is None:
        return {"user": user, "article__isnull": True}
    return {"user": user, "article": article}


def autosave_for(*, user, article: Article | None) -> ArticleAutosave | None:
    """The writer's slot for the article (None or unsaved: their new article)."""
    return ArticleAutosave.objects.filter(
        **slot_filter(user=user, article=article)
    ).first()


@transaction.atomic
def store(*, user, article: Article | None, data: dict) -> ArticleAutosave:
    """Write the checked text (AutosaveForm.cleaned_data) into the writer's slot.

    The caller has checked that the writer may edit the article.
    """
    values = {name: data.get(name) or "" for name in TEXT_FIELDS}
    values["category"] = data.get("category")
    values["loaded_version"] = data.get("loaded_version") or 0
    values["saved_at"] = timezone.now()
    slot, _created = ArticleAutosave.objects.update_or_create(
        user=user, article=article, defaults=values
    )
    return slot


def discard(*, user, article: Article | None) -> int:
    """Empty the writer's slot for the article; how many slots went (0 or 1)."""
    slots = ArticleAutosave.objects.filter(**slot_filter(user=user, article=article))
    return slots.delete()[0]


def differs(slot: ArticleAutosave, initial: dict) -> bool:
    """Whether the slot's text is not what the editor form starts from."""
    for name in ("title", "summary", "body_source"):
        if _text(getattr(slot, name)) != _text(initial.get(name)):
            return True
    if _tags(slot.tag_names) != _tags(initial.get("tag_names")):
        return True
    category = initial.get("category")
    category_id = category.pk if isinstance(category, Category) else category
    return (slot.category_id or None) != (category_id or None)


def form_initial(slot: ArticleAutosave) -> dict:
    """The editor form's initial data that puts the slot's text back, unsaved.

    `loaded_version` too: a restored text is checked against the saves made
    since it was typed, like the form it came from.
    """
    initial = {name: getattr(slot, name) for name in TEXT_FIELDS}
    initial["category"] = slot.category_id
    initial["loaded_version"] = slot.loaded_version
    return initial


def _text(value) -> str:
    return (value or "").replace("\r\n", "\n").strip()


def _tags(value) -> list[str]:
    names = value if isinstance(value, (list, tuple)) else (value or "").split(",")
    return sorted({" ".join(str(name).split()).casefold() for name in names} - {""})
