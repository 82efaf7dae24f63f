from .articles import ArticleAdmin

__all__ = ["ArticleAdmin"]
