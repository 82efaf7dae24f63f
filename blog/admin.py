from django.contrib import admin
from django.utils.html import format_html

from . import moderation_admin  # noqa: F401  (registers the comment admins)
from .article_admin import ArticleWorkflowMixin
from .forms import ArticleAdminForm
from .models import Article, Category, SlugRedirect, Tag
from .revision_admin import RevisionsAdminMixin


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


class SlugRedirectInline(admin.TabularInline):
    model = SlugRedirect
    extra = 0
    readonly_fields = ["old_slug", "created_at"]
    can_delete = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(RevisionsAdminMixin, ArticleWorkflowMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "author", "category", "status", "published_at", "link"]
    list_filter = ["status", "category", "author"]
    search_fields = ["title", "summary", "body_text"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "tags", "category"]
    list_select_related = ["author", "category"]
    readonly_fields = ["reading_time", "created_at", "updated_at"]
    actions = ["publish_now", "schedule", "request_changes", "unpublish"]
    inlines = [SlugRedirectInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "author", "summary", "body"]}),
        ("Cover", {"fields": ["cover", "cover_alt"]}),
        ("Filing", {"fields": ["category", "tags"]}),
        ("Comments", {"fields": ["comments_enabled", "comments_close_after_days"]}),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "published_at",
                    "reading_time",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        articles = super().get_queryset(request).select_related("author")
        if request.user.has_perm("blog.publish_article"):
            return articles
        return articles.filter(author__user=request.user)

    @admin.display(description="Page")
    def link(self, article):
        return format_html('<a href="{}">View</a>', article.get_absolute_url())
