from django.utils.functional import SimpleLazyObject

from core.permissions import MODERATE_COMMENT

from .models import Comment


def moderation(request):
    """The pending count for the navigation: one query, for moderators only.

    Nothing at all for anonymous readers; the permission check reuses the
    permissions the request's user has already loaded.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not user.has_perm(MODERATE_COMMENT):
        return {}
    return {
        "can_moderate": True,
        "moderation_pending": SimpleLazyObject(Comment.objects.pending().count),
    }
