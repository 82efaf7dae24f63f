from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path(
        "articles/<slug:slug>/comments/",
        views.comment_create,
        name="comment_create",
    ),
    path("comments/token/", views.comment_form_token, name="comment_form_token"),
    path(
        "comments/verify/<str:token>/",
        views.commenter_verify,
        name="commenter_verify",
    ),
    path(
        "comments/unsubscribe/<str:token>/",
        views.comment_unsubscribe,
        name="comment_unsubscribe",
    ),
    path("moderation/", views.ModerationQueueView.as_view(), name="moderation_queue"),
    path("moderation/bulk/", views.moderation_bulk, name="moderation_bulk"),
    path("moderation/undo/", views.moderation_undo, name="moderation_undo"),
    path(
        "moderation/<int:pk>/<slug:action>/",
        views.moderation_action,
        name="moderation_action",
    ),
    path("moderation/c/<str:token>/", views.moderation_link, name="moderation_link"),
]
