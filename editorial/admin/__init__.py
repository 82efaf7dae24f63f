from .articles import ArticleAdmin
from .images import ImageAdmin

__all__ = ["ArticleAdmin", "ImageAdmin"]
