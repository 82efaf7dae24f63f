"""Front caches (nginx: deploy/nginx-front-cache.conf) told of every visible change.

`FOLIO_FRONT_CACHES` lists their purge addresses. When a change ends the
page cache's generation (after its transaction commits), each front cache is
sent `PURGE /` and starts a generation of its own: every page it kept is
fetched anew. A page rendered from data older than the change can still
reach a front cache while that render is in flight, so a second purge
follows `SECOND_PURGE_SECONDS` later, when any such render is over. A front
cache that does not answer is logged, never an error.
"""

import http.client
import logging
import threading
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)

SECOND_PURGE_SECONDS = 2.0
TIMEOUT_SECONDS = 1.0


def purge_everything() -> None:
    """Purge every page from every front cache now, and once more shortly."""
    addresses = list(settings.FOLIO_FRONT_CACHES)
    if not addresses:
        return
    purge_once(addresses)
    later = threading.Timer(SECOND_PURGE_SECONDS, purge_once, args=(addresses,))
    later.daemon = True
    later.start()


def purge_once(addresses) -> list[str]:
    """Send each front cache one purge; the addresses that did not take it."""
    failed = []
    for address in addresses:
        parts = urlsplit(address)
        try:
            connection = http.client.HTTPConnection(
                parts.hostname, parts.port or 80, timeout=TIMEOUT_SECONDS
            )
            connection.request("PURGE", "/")
            status = connection.getresponse().status
            connection.close()
        except OSError:
            logger.warning("The front cache at %s did not answer a purge", address)
            failed.append(address)
            continue
        if status != 200:
            logger.warning(
                "The front cache at %s refused a purge (%s)", address, status
            )
            failed.append(address)
    return failed
