"""The author's article form: Markdown in, sanitised HTML stored.

The author edits `body_source` (Markdown). Saving renders it to HTML, and
`Article.save()` passes that through the one sanitiser, so what the preview
shows is what readers get.
"""

import markdown
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout
from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from imaging.forms import RenditionsMixin, SafeImageField

from .models import Article, Category, Tag
from .sanitize import add_heading_ids, sanitize_html

MAX_BODY_CHARS = 200_000
MAX_TAGS = 10
MAX_TAG_CHARS = Tag._meta.get_field("name").max_length
MARKDOWN_EXTENSIONS = ["sane_lists"]
BODY_HELP = _(
    "Markdown: ## for a section heading, ### for a subsection, - or 1. for "
    "lists, **bold**, *emphasis*, > for a quote, [text](https://…) for a link, "
    "![description](https://…) for an image. HTML is cleaned the same way."
)


def markdown_html(source: str) -> str:
    """The HTML of Markdown `source` before sanitising: for the editorial checks."""
    return markdown.markdown(source, extensions=MARKDOWN_EXTENSIONS)


def render_markdown(source: str) -> str:
    """The sanitised HTML of Markdown `source`, exactly as it will be stored."""
    return sanitize_html(markdown_html(source))


def editable_source(article: Article) -> str:
    """What the author edits: their Markdown, unless the body changed without it.

    An article written or changed in the admin (or restored from a revision)
    has a body its source no longer renders to; Markdown passes HTML
    through, so the stored HTML becomes the source.
    """
    source = article.body_source
    stored = add_heading_ids(sanitize_html(render_markdown(source)))[0]  # as save()
    if source and stored == article.body:
        return source
    return article.body


class DashboardArticleForm(RenditionsMixin, forms.ModelForm):
    body_source = forms.CharField(
        label=_("Body"),
        required=False,
        help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 20, "class": "font-monospace"}),
    )
    cover = SafeImageField(label=_("Cover image"), required=False)
    category = forms.ModelChoiceField(
        Category.objects.all(), label=_("Category"), required=False
    )
    tag_names = forms.CharField(
        label=_("Tags"),
        required=False,
        help_text=_("Separated by commas; new tags are created."),
    )

    class Meta:
        model = Article
        fields = ["title", "summary", "cover", "cover_alt", "category"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        article = self.instance
        self.order_fields(["title", "summary", "body_source"])
        if article.pk:
            self.initial["tag_names"] = ", ".join(t.name for t in article.tags.all())
            self.initial["body_source"] = editable_source(article)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "title",
            "summary",
            HTML('{% include "blog/dashboard/_toolbar.html" %}'),
            *[name for name in self.fields if name not in ("title", "summary")],
        )

    def clean_body_source(self):
        source = self.cleaned_data["body_source"].replace("\r\n", "\n")
        if len(source) > MAX_BODY_CHARS:
            raise forms.ValidationError(
                _(
                    "The body is %(length)s characters long; the most is "
                    "%(limit)s. Split it into several articles."
                ),
                params={"length": f"{len(source):,}", "limit": f"{MAX_BODY_CHARS:,}"},
            )
        return source

    def clean_tag_names(self):
        names = []
        for raw in self.cleaned_data["tag_names"].split(","):
            name = " ".join(raw.split())
            if not name or name.lower() in (n.lower() for n in names):
                continue
            if len(name) > MAX_TAG_CHARS or not slugify(name):
                raise forms.ValidationError(
                    _("“%(name)s” is not a usable tag: use letters or digits, "
                      "at most %(limit)s characters."),
                    params={"name": name[:80], "limit": MAX_TAG_CHARS},
                )  # fmt: skip
            names.append(name)
        if len(names) > MAX_TAGS:
            raise forms.ValidationError(
                _("At most %(limit)s tags."), params={"limit": MAX_TAGS}
            )
        return names

    def clean(self):
        cleaned_data = super().clean()
        has_cover = cleaned_data.get("cover") or (
            self.instance.cover and cleaned_data.get("cover") is not False
        )
        if has_cover and not (cleaned_data.get("cover_alt") or "").strip():
            self.add_error(
                "cover_alt",
                _("Describe the cover image for readers who cannot see it."),
            )
        return cleaned_data

    def preview_html(self) -> str:
        return render_markdown(self.cleaned_data.get("body_source", ""))

    def save(self, commit=True):
        """Render the body from its source; with commit, save the tags too."""
        self.instance.body_source = self.cleaned_data["body_source"]
        self.instance.body = self.preview_html()
        article = super().save(commit)
        if commit:
            article.tags.set([_tag(name) for name in self.cleaned_data["tag_names"]])
        return article


def _tag(name: str) -> Tag:
    """The tag with this name or slug, created if there is none."""
    slug = slugify(name)[:MAX_TAG_CHARS]
    tag = Tag.objects.filter(name__iexact=name).first()
    return tag or Tag.objects.get_or_create(slug=slug, defaults={"name": name})[0]
