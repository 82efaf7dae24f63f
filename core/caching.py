"""Calls to a shared cache (Redis) that may be down, without failing the request.

Counters, throttles and cached pages are worth less than answering: when
the cache does not answer, the caller gets its stated fallback and a warning
is logged, never an error page.
"""

import logging

logger = logging.getLogger(__name__)


def cache_or(fallback, operation):
    """`operation()`, or `fallback` if the cache it talks to fails."""
    try:
        return operation()
    except Exception:
        logger.warning("The cache did not answer; going on without it", exc_info=True)
        return fallback
