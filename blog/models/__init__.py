from .articles import (
    Article,
    ArticleQuerySet,
    Category,
    SlugRedirect,
    Tag,
    cover_upload_to,
)
from .comments import (
    BlockedTerm,
    Comment,
    CommentQuerySet,
    ModerationEvent,
    VerifiedCommenter,
)
from .revisions import ArticleRevision
from .workflow import ArticleTransition

__all__ = [
    "Article",
    "ArticleRevision",
    "ArticleTransition",
    "BlockedTerm",
    "ModerationEvent",
    "VerifiedCommenter",
    "ArticleQuerySet",
    "Category",
    "Comment",
    "CommentQuerySet",
    "SlugRedirect",
    "Tag",
    "cover_upload_to",
]
