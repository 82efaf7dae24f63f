"""Every author's uploaded images, for editors: where each is used, and
deletion only of images no article names."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from imaging.models import Image

from ..body_images import articles_using


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "alt", "owner", "dimensions", "size", "created_at"]
    list_select_related = ["owner"]
    search_fields = ["alt", "owner__username", "owner__email"]
    readonly_fields = ["thumbnail", "owner", "dimensions", "size", "used_in"]
    fields = ["thumbnail", "alt", "owner", "dimensions", "size", "used_in"]
    actions = None  # bulk deletion would skip the check of where each is used

    def has_add_permission(self, request):
        return False  # images are uploaded from the editor, through imaging's checks

    def has_delete_permission(self, request, obj=None):
        if obj is not None and articles_using([obj]).get(obj.pk):
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("image"))
    def thumbnail(self, image):
        return format_html(
            '<img src="{}" alt="" width="120" height="{}">',
            image.thumbnail_url,
            round(image.height * 120 / image.width),
        )

    @admin.display(description=_("size in pixels"))
    def dimensions(self, image):
        return f"{image.width} × {image.height}"

    @admin.display(description=_("used in"))
    def used_in(self, image):
        articles = articles_using([image]).get(image.pk, [])
        if not articles:
            return _("No article: it may be deleted.")
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((a.get_absolute_url(), a.title) for a in articles),
        )
