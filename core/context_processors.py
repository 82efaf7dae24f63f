from django.conf import settings

from .permissions import PUBLISH_ARTICLE


def site(request):
    """Site-wide names and the page's canonical address, for every template.

    `is_editor` is asked only where a template uses it (editors work in the
    admin, everyone else who writes in the dashboard).
    """
    user = getattr(request, "user", None)
    return {
        "site_name": settings.FOLIO_SITE_NAME,
        "site_description": settings.FOLIO_SITE_DESCRIPTION,
        "canonical_url": request.build_absolute_uri(request.path),
        "is_editor": lambda: user is not None and user.has_perm(PUBLISH_ARTICLE),
    }
