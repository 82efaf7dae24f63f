"""Middleware of our own: the page cache's side inside Django."""

from django.http import HttpResponse, HttpResponseBadRequest
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
            return self._hit(found.entry, page_request)
        if found.identity is not None and found.key is None:
            pagecache.start_generation()
            found = pagecache.lookup(page_request)
        response = self.get_response(request)
        if found.key is not None and pagecache.is_storable(request, response):
            entry = pagecache.Entry.from_response(response)
            pagecache.store(found.key, entry)
            for name, value in entry.cache_headers(etag=f'"{entry.etag}"', hit=False):
                response[name] = value
            patch_vary_headers(response, ["Accept-Encoding"])
        return response

    @staticmethod
    def _hit(entry, page_request):
        status, headers, body = entry.answer(page_request, hit=True)
        response = HttpResponse(body, status=status)
        for name, value in headers:
            response[name] = value
        return response


class NulQueryMiddleware:
    """A query string with a NUL byte is answered 400 before any view sees it.

    No form or link of the site makes one, and PostgreSQL cannot even compare
    text holding one: any lookup with it (an admin list's filter, say) would
    otherwise end in a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            return HttpResponseBadRequest(
                "This address holds a NUL character.", content_type="text/plain"
            )
        return self.get_response(request)
