"""What a request says about its client and about where it comes from."""

import ipaddress
from functools import wraps

from django.conf import settings
from django.views.decorators.csrf import csrf_exempt


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or the proxy's word if trusted."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.FOLIO_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        address = forwarded.rsplit(",", 1)[-1].strip() or address
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def sent_from_this_site(request) -> bool:
    """Did a page of this site send this request, by what the browser says?

    Fetch metadata first (`Sec-Fetch-Site`), then `Origin` (this host, or one
    of CSRF_TRUSTED_ORIGINS). A request with neither comes from no browser of
    the last years, which is not what cross-site request forgery rides on.
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    if origin == "null":
        return False
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS


def csrf_by_origin(view):
    """Forgery protection for a form on a cached page: no per-visitor token.

    Django's token would make every page that shows the form one visitor's;
    the browser's own word on where the request comes from needs nothing in
    the page (docs/security.md gives the argument).
    """

    @csrf_exempt
    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.method == "POST" and not sent_from_this_site(request):
            from .views import message_page

            return message_page(
                request,
                title="This form was sent from another site",
                message="For your safety, forms are only taken from this site's "
                "own pages. Go back to the article and send it from there.",
                status=403,
            )
        return view(request, *args, **kwargs)

    return checked
