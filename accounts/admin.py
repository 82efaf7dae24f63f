from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .forms import AuthorAdminForm
from .models import Author, User


@admin.register(User)
class FolioUserAdmin(UserAdmin):
    list_display = ["username", "email", "email_verified", "is_staff", "is_active"]
    list_filter = [*UserAdmin.list_filter, "email_verified"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Verification", {"fields": ["email_verified"]}),
    ]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    form = AuthorAdminForm
    list_display = ["display_name", "slug", "user", "created_at"]
    search_fields = ["display_name", "slug", "user__username", "user__email"]
    prepopulated_fields = {"slug": ["display_name"]}
    autocomplete_fields = ["user"]
    list_select_related = ["user"]
