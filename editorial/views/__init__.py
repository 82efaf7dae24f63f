from .articles import (
    article_create,
    article_edit,
    article_submit,
    body_preview,
    dashboard,
)
from .autosave import autosave_discard, autosave_store
from .media import image_delete, image_upload, media_library
from .preview_links import (
    article_preview,
    preview_link_create,
    preview_link_list,
    preview_link_revoke,
)
from .proposals import proposal_edit, proposal_withdraw

__all__ = [
    "autosave_discard",
    "autosave_store",
    "image_delete",
    "image_upload",
    "media_library",
    "article_create",
    "article_edit",
    "article_preview",
    "article_submit",
    "body_preview",
    "dashboard",
    "preview_link_create",
    "preview_link_list",
    "preview_link_revoke",
    "proposal_edit",
    "proposal_withdraw",
]
