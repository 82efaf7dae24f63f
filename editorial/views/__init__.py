from .articles import (
    article_create,
    article_edit,
    article_submit,
    body_preview,
    dashboard,
)

__all__ = [
    "article_create",
    "article_edit",
    "article_submit",
    "body_preview",
    "dashboard",
]
