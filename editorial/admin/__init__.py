from .articles import ArticleAdmin
from .images import ImageAdmin
from .proposals import ArticleProposalAdmin

__all__ = ["ArticleAdmin", "ArticleProposalAdmin", "ImageAdmin"]
