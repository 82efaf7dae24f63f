"""The page cache, which answers before Django in production, never answers
an old site's `/?p=12` with the cached home page."""

import pytest

from core.pagecache import PageRequest
from wordpress.addresses import QUERY_KEYS


def request_for(query: str) -> PageRequest:
    environ = {
        "REQUEST_METHOD": "GET",
        "HTTP_HOST": "example.org",
        "PATH_INFO": "/",
        "QUERY_STRING": query,
    }
    return PageRequest.from_environ(environ)


def test_the_home_page_itself_is_a_cache_key():
    assert request_for("").key() is not None


@pytest.mark.parametrize("name", QUERY_KEYS)
def test_an_old_sites_query_is_never_looked_up_in_the_cache(name):
    assert request_for(f"{name}=12").key() is None
