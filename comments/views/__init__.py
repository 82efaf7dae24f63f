from .moderating import (
    ModerationQueueView,
    comment_unsubscribe,
    moderation_action,
    moderation_bulk,
    moderation_link,
    moderation_undo,
)
from .posting import comment_create, comment_form_token, commenter_verify

__all__ = [
    "ModerationQueueView",
    "comment_create",
    "comment_form_token",
    "comment_unsubscribe",
    "commenter_verify",
    "moderation_action",
    "moderation_bulk",
    "moderation_link",
    "moderation_undo",
]
