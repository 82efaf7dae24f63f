from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import feeds, page_views, views
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
    path("search/", views.SearchView.as_view(), name="search"),
    # Last: /<slug>/ answers only what no other address does (the URLconf
    # includes blog after every other app for the same reason).
    path("<slug:slug>/", page_views.PageDetailView.as_view(), name="page_detail"),
]
