"""Middleware of our own: the page cache's side inside Django."""

from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from . import pagecache


class PageCacheMiddleware:
    """Serve cached public pages; store the public pages rendered on a miss.

    Near the top of MIDDLEWARE (only GZip and the old-address redirects are
    outside it): a hit skips the rest, and a miss is stored with the headers
    every other middleware added.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        page_request = pagecache.PageRequest.from_django(request)
        found = request.META.get(pagecache.LOOKUP_ENVIRON_KEY)
        if found is None:
            found = pagecache.lookup(page_request)
        if found.entry is not None:
            return self._hit(found, page_request)
        if found.identity is not None and found.key is None:
            pagecache.start_generation()
            found = pagecache.lookup(page_request)
        response = self.get_response(request)
        if found.key is not None and pagecache.is_storable(request, response):
            entry = pagecache.Entry.from_response(response)
            pagecache.store(found.key, entry)
            headers = entry.cache_headers(
                etag=f'"{entry.etag}"', hit=False, front_seconds=found.front_seconds
            )
            for name, value in headers:
                response[name] = value
            patch_vary_headers(response, ["Accept-Encoding"])
        return response

    @staticmethod
    def _hit(found, page_request):
        status, headers, body = found.entry.answer(
            page_request, hit=True, front_seconds=found.front_seconds
        )
        response = HttpResponse(body, status=status)
        for name, value in headers:
            response[name] = value
        return response
