from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import ngettext

from . import moderation_admin  # noqa: F401  (registers the comment admins)
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
class ArticleAdmin(RevisionsAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "author", "category", "status", "published_at", "link"]
    list_filter = ["status", "category", "author"]
    search_fields = ["title", "summary", "body_text"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "tags", "category"]
    list_select_related = ["author", "category"]
    readonly_fields = ["reading_time", "created_at", "updated_at"]
    actions = ["publish_now", "unpublish"]
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

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("blog.publish_article"):
            fields += ["status", "published_at"]
        return fields

    def has_publish_permission(self, request):
        return request.user.has_perm("blog.publish_article")

    @admin.display(description="Page")
    def link(self, article):
        return format_html('<a href="{}">View</a>', article.get_absolute_url())

    @admin.action(permissions=["publish"], description="Publish now")
    def publish_now(self, request, queryset):
        now = timezone.now()
        count = 0
        for article in queryset:
            article.publish(when=now)
            count += 1
        self.message_user(
            request,
            ngettext("%d article published.", "%d articles published.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(permissions=["publish"], description="Unpublish")
    def unpublish(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.unpublish()
            count += 1
        self.message_user(
            request,
            ngettext("%d article unpublished.", "%d articles unpublished.", count)
            % count,
            messages.SUCCESS,
        )
