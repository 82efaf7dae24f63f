from django.urls import path

from . import views

app_name = "editorial"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/preview/", views.body_preview, name="body_preview"),
    path("dashboard/articles/new/", views.article_create, name="article_create"),
    path("dashboard/articles/<int:pk>/edit/", views.article_edit, name="article_edit"),
    path(
        "dashboard/articles/<int:pk>/submit/",
        views.article_submit,
        name="article_submit",
    ),
]
