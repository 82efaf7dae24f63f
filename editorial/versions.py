"""No silent overwrites: an edit form carries the version it was loaded from.

An article's version is the id of its latest revision, 0 before the first.
Every save that changes its content records a revision
(editorial/revisions.py), from the dashboard, the admin, a restore or a
published update alike, so a newer version means someone else's words. A form
loaded from an older version is refused: the writer sees what changed since,
as a diff, and the other version's text beside their own, unsaved one. Their
form now carries the newer version, so once they have merged by hand the
next save goes through. Nothing is lost on either side.

The check locks the article's row when it runs inside a transaction (the
admin's change view, the dashboard's save), so two saves cannot both pass it.
"""

from dataclasses import dataclass

from django import forms
from django.db import connection
from django.utils.translation import gettext_lazy as _

from blog.body import render_body
from blog.models import Article

from .diff import RevisionDiff, diff_revisions
from .models import ArticleRevision

FIELD = "loaded_version"


def current_version(article: Article) -> int:
    """The article's latest revision id; 0 for an unsaved or unrevised article."""
    if article.pk is None:
        return 0
    return article.revisions.values_list("pk", flat=True).first() or 0


@dataclass
class Conflict:
    """A save refused because the article changed since the form was loaded."""

    loaded: ArticleRevision | None  # None: the form predates every revision
    current: ArticleRevision
    theirs: RevisionDiff  # from what the writer loaded to what is saved now
    mine: RevisionDiff  # from what is saved now to what the writer sent

    @property
    def saved_by(self):
        return self.current.created_by or _("someone")


class VersionCheckMixin:
    """For an article ModelForm: the hidden version field and its check.

    After a refusal the bound data carries the current version, so the page
    re-rendered from it lets the writer merge and save again.
    """

    conflict: Conflict | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=0, max_value=2**63 - 1
        )
        if FIELD not in self.initial:
            self.initial[FIELD] = current_version(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        loaded = cleaned_data.get(FIELD)
        if loaded is None:
            raise forms.ValidationError(
                _("This form is missing the version it was loaded from: open the "
                  "article again, then redo your change."),
                code="no_version",
            )  # fmt: skip
        if connection.in_atomic_block:
            Article.objects.select_for_update().filter(pk=self.instance.pk).exists()
        revisions = self.instance.revisions.select_related("category", "created_by")
        current = revisions.first()
        if current is None or current.pk == loaded:
            return cleaned_data
        self.conflict = self._conflict(revisions.filter(pk=loaded).first(), current)
        data = self.data.copy()
        data[self.add_prefix(FIELD)] = str(current.pk)
        self.data = data
        raise forms.ValidationError(
            _("%(who)s saved this article after you opened it. Your text below is "
              "not saved yet: compare it with theirs, merge by hand, then save "
              "again."),
            params={"who": self.conflict.saved_by},
            code="conflict",
        )  # fmt: skip

    def _conflict(self, loaded, current) -> Conflict:
        mine = ArticleRevision(
            title=self.cleaned_data.get("title", current.title),
            summary=self.cleaned_data.get("summary", current.summary),
            body=render_body(
                self.cleaned_data.get("body_source", current.body_source)
            ).html,
            category_id=current.category_id,
            tag_ids=current.tag_ids,
            cover=current.cover,
            cover_alt=current.cover_alt,
        )
        return Conflict(
            loaded=loaded,
            current=current,
            theirs=diff_revisions(loaded, current),
            mine=diff_revisions(current, mine),
        )
