from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import (
    comment_views,
    dashboard_views,
    feeds,
    moderation_views,
    site_views,
    views,
)
from .sitemaps import SITEMAPS

app_name = "blog"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="article_list"),
    path(
        "articles/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article_detail",
    ),
    path(
        "articles/<slug:slug>/comments/",
        comment_views.comment_create,
        name="comment_create",
    ),
    path(
        "comments/verify/<str:token>/",
        comment_views.commenter_verify,
        name="commenter_verify",
    ),
    path(
        "category/<slug:slug>/",
        views.CategoryDetailView.as_view(),
        name="category_detail",
    ),
    path("category/<slug:slug>/feed/", feeds.CategoryFeed(), name="category_feed"),
    path("tag/<slug:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("authors/", views.AuthorListView.as_view(), name="author_list"),
    path(
        "authors/<slug:slug>/",
        views.AuthorDetailView.as_view(),
        name="author_detail",
    ),
    path("authors/<slug:slug>/feed/", feeds.AuthorFeed(), name="author_feed"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", site_views.robots_txt, name="robots"),
    path("healthz", site_views.healthz, name="healthz"),
    path("favicon.ico", site_views.favicon, name="favicon"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path(
        "dashboard/preview/",
        dashboard_views.body_preview,
        name="dashboard_body_preview",
    ),
    path(
        "dashboard/articles/new/",
        dashboard_views.article_create,
        name="dashboard_article_create",
    ),
    path(
        "dashboard/articles/<int:pk>/edit/",
        dashboard_views.article_edit,
        name="dashboard_article_edit",
    ),
    path(
        "dashboard/articles/<int:pk>/submit/",
        dashboard_views.article_submit,
        name="dashboard_article_submit",
    ),
    path(
        "moderation/",
        moderation_views.ModerationQueueView.as_view(),
        name="moderation_queue",
    ),
    path(
        "moderation/bulk/",
        moderation_views.moderation_bulk,
        name="moderation_bulk",
    ),
    path(
        "moderation/<int:pk>/<slug:action>/",
        moderation_views.moderation_action,
        name="moderation_action",
    ),
    path(
        "moderation/c/<str:token>/",
        moderation_views.moderation_link,
        name="moderation_link",
    ),
    path(
        "comments/unsubscribe/<str:token>/",
        moderation_views.comment_unsubscribe,
        name="comment_unsubscribe",
    ),
]
