from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Comment


def site(request):
    """Site-wide names and the page's canonical address, for every template."""
    return {
        "site_name": settings.SITE_NAME,
        "site_description": settings.SITE_DESCRIPTION,
        "canonical_url": request.build_absolute_uri(request.path),
    }


def moderation(request):
    """The pending count for the navigation: one query, for moderators only.

    Nothing at all for anonymous readers; the permission check reuses the
    permissions the request's user has already loaded.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not user.has_perm("blog.moderate_comment"):
        return {}
    return {
        "can_moderate": True,
        "moderation_pending": SimpleLazyObject(Comment.objects.pending().count),
    }
