"""Front caches (Varnish, deploy/varnish.vcl) told of every change readers can see.

`FOLIO_FRONT_CACHES` lists their addresses. When a change ends the page
cache's generation (after its transaction commits), each front cache is
sent `BAN /` and drops every page. A page rendered from data older than the
change can still reach a front cache while that render is in flight, so a
second ban follows `SECOND_BAN_SECONDS` later, when any such render is over.
A front cache that does not answer is logged, never an error.
"""

import http.client
import logging
import threading
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)

SECOND_BAN_SECONDS = 2.0
TIMEOUT_SECONDS = 1.0


def ban_everything() -> None:
    """Ban every page from every front cache now, and once more shortly."""
    addresses = list(settings.FOLIO_FRONT_CACHES)
    if not addresses:
        return
    _ban(addresses)
    later = threading.Timer(SECOND_BAN_SECONDS, _ban, args=(addresses,))
    later.daemon = True
    later.start()


def _ban(addresses) -> None:
    for address in addresses:
        parts = urlsplit(address)
        try:
            connection = http.client.HTTPConnection(
                parts.hostname, parts.port or 80, timeout=TIMEOUT_SECONDS
            )
            connection.request("BAN", "/")
            status = connection.getresponse().status
            connection.close()
        except OSError:
            logger.warning("The front cache at %s did not answer a ban", address)
            continue
        if status != 200:
            logger.warning("The front cache at %s refused a ban (%s)", address, status)
