"""Categories, tags and site pages in the admin. Articles are the editors' desk:
editorial/admin."""

from django import forms
from django.contrib import admin

from .models import Category, Page, Tag


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = [
            "title",
            "slug",
            "body_source",
            "published",
            "show_in_footer",
            "footer_position",
            "is_privacy_policy",
        ]
        widgets = {
            "body_source": forms.Textarea(
                attrs={"rows": 24, "class": "vLargeTextField", "spellcheck": "true"}
            )
        }
        help_texts = {"body_source": "Markdown, as in articles."}


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    """Editors write the pages and order the footer menu from the list."""

    form = PageForm
    list_display = [
        "title",
        "slug",
        "published",
        "show_in_footer",
        "footer_position",
        "is_privacy_policy",
    ]
    list_editable = ["footer_position"]
    list_filter = ["published", "show_in_footer"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
