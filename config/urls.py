from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

# The admin carries the site's name, not "Django administration".
admin.site.site_header = settings.FOLIO_SITE_NAME
admin.site.site_title = f"{settings.FOLIO_SITE_NAME} admin"
admin.site.index_title = "Newsroom"

# A database that does not answer is a 503 with Retry-After, not a 500.
handler500 = "core.outage.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("accounts.auth_urls")),
    path("", include("core.urls")),
    path("", include("comments.urls")),
    path("", include("editorial.urls")),
    # Last: blog ends with the site pages' /<slug>/, which would shadow any
    # one-segment address included after it.
    path("", include("blog.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
