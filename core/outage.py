"""The answer when the database is down: 503, Retry-After, a page that says so.

Django turns an error it did not expect into a 500 and its `500.html`; an
error that comes from a database that does not answer is not a fault of the
page but an outage, to be tried again shortly. `server_error` is the site's
`handler500`: when the error is the database's and the database does not
answer a probe, it answers 503 Service Unavailable with `Retry-After` and
`503.html`, rendered without the request (no session, no user, no query).
Any other error stays a 500. Cached pages are still served meanwhile
(core/pagecache.py).
"""

import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

RETRY_AFTER_SECONDS = 30


def database_answers() -> bool:
    """Does the database answer a trivial query right now?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def is_database_outage(error: BaseException | None) -> bool:
    """Is `error` the database not answering, rather than a query gone wrong?

    A missing table or a broken constraint is also a database error; only a
    database that then fails a probe as well counts as an outage.
    """
    reachability_errors = (OperationalError, InterfaceError)
    return isinstance(error, reachability_errors) and not database_answers()


def service_unavailable(request=None) -> HttpResponse:
    """The 503 page, with when to try again."""
    context = {
        "site_name": settings.FOLIO_SITE_NAME,
        "retry_after": RETRY_AFTER_SECONDS,
    }
    body = loader.render_to_string("503.html", context)
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """`handler500`: a 503 for a database outage, Django's own 500 otherwise."""
    if is_database_outage(sys.exception()):
        return service_unavailable(request)
    return defaults.server_error(request, template_name)
