from .articles import (
    Article,
    ArticleQuerySet,
    Category,
    SlugRedirect,
    Tag,
    cover_upload_to,
)
from .comments import Comment, CommentQuerySet

__all__ = [
    "Article",
    "ArticleQuerySet",
    "Category",
    "Comment",
    "CommentQuerySet",
    "SlugRedirect",
    "Tag",
    "cover_upload_to",
]
