from django.urls import path

from . import views

app_name = "editorial"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/preview/", views.body_preview, name="body_preview"),
    path("dashboard/autosave/", views.autosave_store, name="autosave"),
    path(
        "dashboard/autosave/discard/",
        views.autosave_discard,
        name="autosave_discard",
    ),
    path("dashboard/media/", views.media_library, name="media_library"),
    path("dashboard/media/upload/", views.image_upload, name="image_upload"),
    path("dashboard/media/<int:pk>/delete/", views.image_delete, name="image_delete"),
    path("dashboard/articles/new/", views.article_create, name="article_create"),
    path("dashboard/articles/<int:pk>/edit/", views.article_edit, name="article_edit"),
    path(
        "dashboard/articles/<int:pk>/submit/",
        views.article_submit,
        name="article_submit",
    ),
    path(
        "dashboard/articles/<int:pk>/update/",
        views.proposal_edit,
        name="proposal_edit",
    ),
    path(
        "dashboard/articles/<int:pk>/update/withdraw/",
        views.proposal_withdraw,
        name="proposal_withdraw",
    ),
    path(
        "dashboard/articles/<int:pk>/preview-links/",
        views.preview_link_list,
        name="preview_link_list",
    ),
    path(
        "dashboard/articles/<int:pk>/preview-links/new/",
        views.preview_link_create,
        name="preview_link_create",
    ),
    path(
        "dashboard/articles/<int:pk>/preview-links/<int:link_pk>/revoke/",
        views.preview_link_revoke,
        name="preview_link_revoke",
    ),
    # Outside /dashboard/: opened without an account.
    path("preview/<str:token>/", views.article_preview, name="article_preview"),
]
