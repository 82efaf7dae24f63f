"""The article forms of the editorial path: the authors' and the editors'.

Both edit the Markdown source; `Article.save()` renders it through the one
body pipeline, so what the preview shows is what readers get.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout
from django import forms
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from blog.body import render_body
from blog.body_limits import BodyTooComplex, check_body_limits
from blog.models import Article, Category, Tag
from imaging.forms import RenditionsMixin, SafeImageField
from imaging.models import ALT_MAX_LENGTH

from .body_images import check_body_images, named_images
from .models import ArticleProposal
from .versions import VersionCheckMixin
from .widgets import MarkdownBodyTextarea

MAX_BODY_CHARS = 200_000
NOTE_MAX_LENGTH = 5000
MAX_TAGS = 10
MAX_TAG_CHARS = Tag._meta.get_field("name").max_length
BODY_HELP = _(
    "Markdown: ## for a section heading, ### for a subsection, - or 1. for "
    "lists, **bold**, *emphasis*, > for a quote, [text](https://…) for a link. "
    "Images: Insert image (or drop or paste one here) uploads it and writes "
    '![description](image:42 "caption"). HTML is cleaned the same way.'
)


class ArticleBodyMixin:
    """The body as its Markdown source, and a cover that needs its alt text.

    Shared by the authors' dashboard form and the editors' admin form: both
    edit the same source, which `Article.save()` renders through the one
    pipeline (blog/body.py).
    """

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
        try:  # before anything renders it: hostile nesting costs seconds
            check_body_limits(source)
        except BodyTooComplex as error:
            raise forms.ValidationError(str(error), code="too_complex") from None
        kept = named_images(self.instance.body_source)
        check_body_images(source, owner_ids=self.image_owner_ids(), kept=kept)
        return source

    def image_owner_ids(self) -> set[int] | None:
        """Whose uploaded images the body may show; None: anyone's (editors)."""
        return None

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


def body_source_field():
    return forms.CharField(
        label=_("Body"),
        required=False,
        help_text=BODY_HELP,
        widget=MarkdownBodyTextarea(attrs={"rows": 20, "class": "font-monospace"}),
    )


class DashboardArticleForm(
    VersionCheckMixin, ArticleBodyMixin, RenditionsMixin, forms.ModelForm
):
    body_source = body_source_field()
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
        fields = ["title", "summary", "body_source", "cover", "cover_alt", "category"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        article = self.instance
        self.order_fields(["title", "summary", "body_source"])
        if article.pk:
            self.initial["tag_names"] = ", ".join(t.name for t in article.tags.all())
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.include_media = False  # article_form.html loads the scripts
        self.helper.layout = Layout(
            "title",
            "summary",
            HTML('{% include "editorial/dashboard/article_form.html#toolbar" %}'),
            *[name for name in self.fields if name not in ("title", "summary")],
        )

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

    def image_owner_ids(self) -> set[int]:
        """An author's body shows their own uploads only."""
        return {self.instance.author.user_id}

    def preview_html(self) -> str:
        return render_body(self.cleaned_data.get("body_source", "")).html

    def save(self, commit=True):
        """Save the article; with commit, its tags too."""
        article = super().save(commit)
        if commit:
            article.tags.set([_tag(name) for name in self.cleaned_data["tag_names"]])
        return article


class ArticleAdminForm(
    VersionCheckMixin, ArticleBodyMixin, RenditionsMixin, forms.ModelForm
):
    """The editors' form in the admin: the same Markdown body as the dashboard."""

    body_source = body_source_field()
    cover = SafeImageField(label=_("Cover image"), required=False)

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "author",
            "summary",
            "body_source",
            "cover",
            "cover_alt",
            "category",
            "tags",
            "comments_enabled",
            "comments_close_after_days",
        ]


class BodyImageForm(forms.Form):
    """An image uploaded for the body: the file, its description, a caption."""

    file = SafeImageField(label=_("Image"))
    alt = forms.CharField(
        label=_("Description for readers who cannot see it (alt text)"),
        max_length=ALT_MAX_LENGTH,
        error_messages={"required": _("Describe the image before inserting it.")},
    )
    caption = forms.CharField(
        label=_("Caption (optional)"), max_length=ALT_MAX_LENGTH, required=False
    )


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(
        label=_("Publish at"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["when"].help_text = _(
            "A date and time in the future, in the site's time zone (%(zone)s)."
        ) % {"zone": timezone.get_current_timezone_name()}

    def clean_when(self):
        when = self.cleaned_data["when"]
        if when <= timezone.now():
            raise forms.ValidationError(
                _("Choose a time in the future, or use “Publish now”.")
            )
        return when


class RequestChangesForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the author"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 70}),
        help_text=_("Say what should change; the author receives it by email."),
    )


class ProposalForm(ArticleBodyMixin, forms.ModelForm):
    """An author's proposed update to their published article (editorial/proposals).

    `seen_version` is the article version the page showed the author.
    """

    body_source = body_source_field()
    seen_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0
    )

    class Meta:
        model = ArticleProposal
        fields = ["title", "summary", "body_source"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, seen_version: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["seen_version"] = seen_version
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.include_media = False  # proposal_form.html loads the scripts
        self.helper.layout = Layout(
            "title",
            "summary",
            HTML('{% include "editorial/dashboard/article_form.html#toolbar" %}'),
            "body_source",
            "seen_version",
        )

    def clean(self):
        # Skip the mixin's cover check: a proposal changes no cover.
        return forms.ModelForm.clean(self)

    def image_owner_ids(self) -> set[int]:
        """The author's body shows their own uploads only."""
        return {self.instance.author_id}


def _tag(name: str) -> Tag:
    """The tag with this name or slug, created if there is none."""
    slug = slugify(name)[:MAX_TAG_CHARS]
    tag = Tag.objects.filter(name__iexact=name).first()
    return tag or Tag.objects.get_or_create(slug=slug, defaults={"name": name})[0]
