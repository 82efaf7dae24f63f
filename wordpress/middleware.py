"""Old WordPress addresses answer 301 to their new ones (wordpress/addresses.py).

Two kinds of request are looked up, and nothing else costs a query:

- the root with a WordPress query key (`/?p=12`, `/?cat=3`): looked up before
  the rest of the stack (the page cache neither serves nor keeps a request
  with those keys: wordpress/apps.py); no match, and the home page is
  rendered as usual;
- any other GET or HEAD that Folio answers 404: looked up by its path, and
  by that path with its trailing slash added or taken away.

A match answers 301 to a local path only (`addresses.destination()`), so a
forged row cannot send readers to another site; a target deleted since keeps
the 404. A target readers may no longer see still gets its 301: its own page
decides what to show. The 301 is permanent and the same for everybody, so
browsers and front caches may keep it.

Listed just inside GZip, outside `core.middleware.PageCacheMiddleware`.
"""

from django.http import HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control

from .addresses import QUERY_KEYS, destination, is_storable_path
from .models import OldAddress

REDIRECT_MAX_AGE = 24 * 60 * 60


class OldAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.path_info == "/" and request.META.get("QUERY_STRING"):
            keys = [key for key in QUERY_KEYS if request.GET.get(key)]
            candidates = [f"/?{key}={request.GET[key]}" for key in keys]
            redirect = self._redirect(request, candidates)
            return redirect or self.get_response(request)
        response = self.get_response(request)
        if response.status_code == 404:
            path = request.path_info
            other = path[:-1] if path.endswith("/") else f"{path}/"
            return self._redirect(request, [path, other]) or response
        return response

    @staticmethod
    def _redirect(request, candidates):
        """A 301 for the first candidate remembered, if it still leads somewhere."""
        candidates = [path for path in candidates if is_storable_path(path)]
        if not candidates:
            return None
        found = {
            address.path: address
            for address in OldAddress.objects.filter(path__in=candidates)
        }
        for path in candidates:
            url = destination(found[path]) if path in found else None
            if url and url != request.get_full_path():
                response = HttpResponsePermanentRedirect(url)
                patch_cache_control(response, public=True, max_age=REDIRECT_MAX_AGE)
                return response
        return None
