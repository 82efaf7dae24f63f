from django.conf import settings


def site(request):
    """Site-wide names and the page's canonical address, for every template."""
    return {
        "site_name": settings.FOLIO_SITE_NAME,
        "site_description": settings.FOLIO_SITE_DESCRIPTION,
        "canonical_url": request.build_absolute_uri(request.path),
    }
